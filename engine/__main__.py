from engine.cli import executable

if __name__ == "__main__":
    executable()
