"""The pure core: rule files -> RuleGraph -> checks and walks. No Textual, no output formats."""
