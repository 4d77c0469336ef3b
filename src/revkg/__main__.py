"""``python -m revkg`` runs the command line."""

from revkg.cli import main

if __name__ == "__main__":
    main()
