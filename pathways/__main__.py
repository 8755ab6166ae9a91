"""The ``pathways`` command (pyproject's ``[project.scripts]``) and ``python -m pathways``."""

from pathways.core.collector import paused, skip_exit_collection


def run() -> int:
    """:func:`pathways.cli.main` in a process of its own, start-up and exit made cheap.

    Importing the CLI builds only objects that live as long as the process (modules,
    classes, the rule model's validators): the cycle collector is paused while it does (its
    collections walked them again and again, ~10 ms of a 150 ms walk). At the end, the
    heap is frozen so exit does not walk it all either.
    """
    try:
        with paused():
            from pathways.cli import main
            from pathways.standard_streams import guarded
    except KeyboardInterrupt:  # ctrl+c before the command line is up: no traceback
        return 130
    guarded()  # standard streams that fail in words (pathways/standard_streams.py)
    code = main()
    skip_exit_collection()
    return code


if __name__ == "__main__":
    raise SystemExit(run())
