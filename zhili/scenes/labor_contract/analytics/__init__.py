"""就业用工分析: the governance side of the labor contract scene (facts, the twenty analyses, indices, cockpit)."""
