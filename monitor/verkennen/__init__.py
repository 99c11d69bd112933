"""Pure logic of the exploring pages (Overzicht, Vergelijken, Trends, Bronnen): tiles, the honest
ranking, the Nederland reference, tables and definitions. Frames in, frames and text out.
"""
