"""``python -m flowline``: the same as the ``flowline`` command."""

from flowline.cli.main import main

if __name__ == "__main__":
    main()
