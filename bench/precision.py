"""Precision of newslint's default findings, measured against a labelled sample.

Run from the repository root, with newslint installed in the active environment:

    python bench/precision.py                  # per-rule table and what was lost
    python bench/precision.py --sample 20 -o unlabelled.tsv   # findings still to label

Every site of ``../shared/corpus`` is linted as a user would lint it (the site's directory
named on the command line, default settings, no cache). The ``*.tsv`` files of
``bench/precision`` hold labelled findings, one per line: path, line, code, label (``real``:
an editor would change the post; ``noise``: wrong, or nobody would act on it) and a one-line
reason. A finding is matched
to its label by path, line and code. Precision is real / labelled among the findings reported
now, per rule and over the warning and error findings (the goal: 90% for both, for every rule
with 10 findings or more); info findings are shown apart. A real label whose finding is no
longer reported is a lost defect. The exit status is 0 when every goal is met.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LABELS = REPO / "bench" / "precision"
"""Every ``*.tsv`` file here holds labels (one per rule family or pack)."""
FIELDS = ("path", "line", "code", "label", "reason")
GOAL = 0.90
MIN_FINDINGS = 10

Key = tuple[str, int, str]


@dataclass(frozen=True)
class Found:
    """One finding of the run: where, which rule, at what level, saying what."""

    path: str
    line: int
    column: int
    code: str
    severity: str
    message: str

    @property
    def key(self) -> Key:
        return (self.path, self.line, self.code)


def lint(corpus: Path, only: list[str] | None = None) -> list[Found]:
    """Lint every site directory of the corpus (or those ``only`` names) and return the
    findings, paths from the corpus."""
    sites = only or sorted(p.name for p in corpus.iterdir() if p.is_dir())
    command = [sys.executable, "-m", "newslint", "--no-cache", "--format", "json", *sites]
    done = subprocess.run(command, cwd=corpus, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"newslint exited {done.returncode}: {done.stderr.strip()}")
    report = json.loads(done.stdout)
    return [
        Found(
            d["path"],
            d["start"]["line"],
            d["start"]["column"],
            d["code"],
            d["severity"],
            d["message"],
        )
        for d in report["diagnostics"]
    ]


def read_labels(path: Path, sites: list[str] | None = None) -> dict[Key, tuple[str, str]]:
    """Read a labels file, or every ``*.tsv`` of a directory: (path, line, code) -> (label,
    reason); with ``sites``, only the labels of findings in those sites."""
    labels: dict[Key, tuple[str, str]] = {}
    for source in sorted(path.glob("*.tsv")) if path.is_dir() else [path]:
        with source.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream, delimiter="\t"):
                if row["label"] not in ("real", "noise"):
                    sys.exit(f"{source}: label must be real or noise, not {row['label']!r}")
                if sites and row["path"].split("/", 1)[0] not in sites:
                    continue
                key = (row["path"], int(row["line"]), row["code"])
                labels[key] = (row["label"], row["reason"])
    return labels


def sample_order(found: Found) -> str:
    """A stable pseudo-random order, so the sample of a rule stays the same between runs."""
    return hashlib.sha1(f"{found.path}:{found.line}:{found.code}".encode()).hexdigest()


def table(findings: list[Found], labels: dict[Key, tuple[str, str]]) -> tuple[str, bool]:
    """The per-rule Markdown table, and whether every goal is met."""
    reported: Counter[str] = Counter()
    real: Counter[str] = Counter()
    noise: Counter[str] = Counter()
    severity: dict[str, str] = {}
    seen: set[Key] = set()
    for found in findings:
        if found.key in seen:
            continue
        seen.add(found.key)
        reported[found.code] += 1
        severity[found.code] = found.severity
        label = labels.get(found.key)
        if label is not None:
            (real if label[0] == "real" else noise)[found.code] += 1
    lost = sorted(key for key, (label, _) in labels.items() if label == "real" and key not in seen)
    lines = [
        "| rule | severity | findings | labelled | real | noise | precision | goal met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    met = True
    for code in sorted(reported):
        labelled = real[code] + noise[code]
        precision = real[code] / labelled if labelled else None
        gated = severity[code] in ("error", "warning") and reported[code] >= MIN_FINDINGS
        ok = precision is not None and precision >= GOAL if gated else None
        met = met and ok is not False and (labelled > 0 or not gated)
        shown = f"{precision:.0%}" if precision is not None else "—"
        verdict = {True: "yes", False: "no", None: "—"}[ok]
        lines.append(
            f"| {code} | {severity[code]} | {reported[code]} | {labelled} | {real[code]} "
            f"| {noise[code]} | {shown} | {verdict} |"
        )
    for level, codes in (
        ("warning and error", [c for c in reported if severity[c] in ("error", "warning")]),
        ("info", [c for c in reported if severity[c] not in ("error", "warning")]),
    ):
        total_real = sum(real[c] for c in codes)
        total_noise = sum(noise[c] for c in codes)
        labelled = total_real + total_noise
        overall = total_real / labelled if labelled else None
        gated = level != "info"
        if gated:
            met = met and overall is not None and overall >= GOAL and not lost
        shown = f"{overall:.0%}" if overall is not None else "—"
        verdict = ("yes" if overall is not None and overall >= GOAL else "no") if gated else "—"
        lines.append(
            f"| **all {level}** | | {sum(reported[c] for c in codes)} | {labelled} "
            f"| {total_real} | {total_noise} | {shown} | {verdict} |"
        )
    lines.append("")
    lines.append(f"Labelled real defects no longer reported: {len(lost)}")
    lines.extend(f"- {path}:{line} {code}" for path, line, code in lost)
    return "\n".join(lines), met


def write_sample(
    findings: list[Found], labels: dict[Key, tuple[str, str]], per_rule: int, out: Path
) -> int:
    """Write up to ``per_rule`` unlabelled findings per rule (fewer if enough are labelled)."""
    by_rule: defaultdict[str, list[Found]] = defaultdict(list)
    for found in findings:
        by_rule[found.code].append(found)
    rows = []
    for code in sorted(by_rule):
        group = sorted({f.key: f for f in by_rule[code]}.values(), key=sample_order)
        have = sum(1 for f in group if f.key in labels)
        for found in [f for f in group if f.key not in labels][: max(0, per_rule - have)]:
            rows.append((found.path, str(found.line), code, "", found.message))
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow((*FIELDS[:4], "message"))
        writer.writerows(rows)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--labels", type=Path, default=LABELS, help="a file or a directory")
    parser.add_argument("--site", action="append", help="lint only this site (repeatable)")
    parser.add_argument("--sample", type=int, metavar="N", help="list unlabelled findings")
    parser.add_argument("-o", "--output", type=Path, default=Path("unlabelled.tsv"))
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}: the labelled sample is of ../shared/corpus")
    findings = lint(args.corpus, args.site)
    labels = read_labels(args.labels, args.site) if args.labels.exists() else {}
    if args.sample is not None:
        count = write_sample(findings, labels, args.sample, args.output)
        print(f"{count} unlabelled findings written to {args.output}")
        return 0
    report, met = table(findings, labels)
    print(report)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
