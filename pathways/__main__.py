from pathways.cli import run

raise SystemExit(run())
