"""newsconv as a step of a datatrove pipeline (``pip install 'newsconv[datatrove]'``):

    python examples/datatrove_pipeline.py out/

reads the example pages as a JSON Lines shard (``out/pages/pages.jsonl``, written first),
cleans each page into its articles, and writes them with datatrove's JSONL writer to
``out/articles/``; pages without an article go to ``out/no-article/`` with the reason in
``metadata.filter_reason``.  datatrove prints its stats table at the end (documents,
articles, lines kept and dropped by class).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

try:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsconv.datatrove import NewsconvCleaner
except ImportError:
    raise SystemExit("this example needs datatrove: pip install 'newsconv[datatrove]'") from None

HERE = Path(__file__).resolve().parent


def write_pages(folder: Path) -> None:
    """The example pages as JSON Lines records, and one record of chrome alone."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "pages.jsonl").open("w", encoding="utf-8") as f:
        for path in sorted(HERE.glob("*.txt")):
            f.write(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8"),
                                "metadata": {"url": f"https://news.example/{path.stem}"}})
                    + "\n")
        f.write(json.dumps({"id": "menu-only", "text": "Home\nNews\nSport\nShare\n"}) + "\n")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "datatrove-out")
    write_pages(out / "pages")
    LocalPipelineExecutor(pipeline=[
        JsonlReader(str(out / "pages")),
        NewsconvCleaner(format="markdown",
                        exclusion_writer=JsonlWriter(str(out / "no-article"), compression=None)),
        JsonlWriter(str(out / "articles"), compression=None),
    ], tasks=1, logging_dir=str(out / "logs")).run()
    for path in sorted((out / "articles").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            print(doc["id"], "|", doc["metadata"]["title"])


if __name__ == "__main__":
    main()
