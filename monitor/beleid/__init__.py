"""Policy data and maths: targets, baselines, opdrachten, and the effectiveness tests.

``opslag`` is the only SQL against ``beleid.duckdb``; ``validatie`` and ``importeren`` check what
people enter; ``nulmeting``, ``toets``, ``beleidsmonitor`` and ``doeltreffendheid`` are pure
logic; ``grafieken`` builds the Plotly figures of the policy pages.
"""
