"""Exports for the jaarrekening: ``model`` (what goes in), ``tabellen`` (the sheets as frames),
``werkboek`` (xlsx), ``csvbestand``, ``png``, ``vastlegging`` (frozen sets) and the command line
(``python -m monitor.export``). The page and the command line use the same functions.
"""
