"""Checks and executes the notebooks in Notebooks/.

    python3 Scripts/run-notebooks.py --check NOTEBOOK_DIR
        fails (exit 1) when a committed notebook holds outputs or execution
        counts; needs only the standard library.

    python Scripts/run-notebooks.py NOTEBOOK_DIR WORK_DIR
        executes every notebook headless with nbclient (the python3 kernel
        of the running interpreter), each from NOTEBOOK_DIR so that it
        imports notebook_support, writes the executed copies to
        WORK_DIR/executed and fails (exit 1) on the first cell that raises;
        the notebooks save their figures in WORK_DIR/figures.
"""

import json
import os
import shutil
import tempfile
import sys
import time
from pathlib import Path


def committed_outputs(directory):
    """Problems with the notebooks as committed: outputs or counts."""
    problems = []
    notebooks = sorted(Path(directory).glob("*.ipynb"))
    if not notebooks:
        problems.append(f"{directory}: no notebooks")
    for path in notebooks:
        with open(path) as file:
            notebook = json.load(file)
        for number, cell in enumerate(notebook.get("cells", []), 1):
            if cell.get("cell_type") != "code":
                continue
            if cell.get("outputs"):
                problems.append(f"{path}: cell {number} has outputs")
            if cell.get("execution_count") is not None:
                problems.append(f"{path}: cell {number} has an execution count")
    return problems


def execute(directory, work):
    executed = Path(work) / "executed"
    executed.mkdir(parents=True, exist_ok=True)
    os.environ["STORAGEWATCH_NOTEBOOK_WORK"] = str(Path(work).resolve())
    # Figures inline in the executed copies (as in Jupyter), whatever the
    # caller's MPLBACKEND.
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    sockets = tempfile.mkdtemp(prefix="storagewatch-kernel-")
    try:
        return execute_all(directory, work, executed, sockets)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


def execute_all(directory, work, executed, sockets):
    import nbclient
    import nbformat
    from jupyter_client.manager import KernelManager

    for path in sorted(Path(directory).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        # Local sockets rather than TCP on the loopback: nothing listens
        # on a port while the kernel runs.
        kernel = KernelManager(
            kernel_name="python3", transport="ipc",
            ip=os.path.join(sockets, path.stem))
        client = nbclient.NotebookClient(
            notebook,
            km=kernel,
            timeout=1200,
            resources={"metadata": {"path": str(Path(directory).resolve())}},
        )
        started = time.monotonic()
        print(f"notebook: {path.name} ...", flush=True)
        try:
            client.execute()
        except nbclient.exceptions.CellExecutionError as error:
            nbformat.write(notebook, executed / path.name)
            print(f"error: {path}: {error}", file=sys.stderr)
            print(f"error: the partly executed copy is {executed / path.name}",
                  file=sys.stderr)
            return 1
        finally:
            # nbclient leaves a kernel manager it was given running.
            if kernel.has_kernel:
                kernel.shutdown_kernel(now=True)
        nbformat.write(notebook, executed / path.name)
        print(f"notebook: {path.name} ran in {time.monotonic() - started:.0f} s;"
              f" executed copy {executed / path.name}", flush=True)
    figures = sorted((Path(work) / "figures").glob("*.png"))
    print(f"notebooks: {len(figures)} figures in {Path(work) / 'figures'}")
    return 0


def main(arguments):
    if len(arguments) == 2 and arguments[0] == "--check":
        problems = committed_outputs(arguments[1])
        for problem in problems:
            print(f"error: {problem}; commit notebooks without outputs "
                  "(in Jupyter: Edit, Clear Outputs of All Cells)",
                  file=sys.stderr)
        return 1 if problems else 0
    if len(arguments) == 2:
        return execute(arguments[0], arguments[1])
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
