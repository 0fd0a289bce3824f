from bibconv.cli import run

run()
