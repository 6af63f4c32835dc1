"""Comparison -> output: terminal summary, versioned JSON, self-contained HTML."""
