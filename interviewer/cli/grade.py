"""`interviewer grade` (one answer or a JSONL batch) and `interviewer eval` (agreement with human
graders on a graded JSONL set). Heavy imports live inside the commands so `--help` stays instant."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from interviewer.cli.common import settings_from


@click.command()
@click.option("--question", "-q", help="The interview question.")
@click.option("--answer", "-a", help="The answer to grade; '-' reads it from stdin.")
@click.option("--reference", "-r", help="Grade against this text instead of the index.")
@click.option(
    "--batch",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSONL file of {"id","question","answer","reference"?}; prints one verdict a line.',
)
@click.option("--offline", is_flag=True, help="Use the similarity grader even if an LLM is set.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.pass_context
def grade(
    ctx: click.Context,
    question: str | None,
    answer: str | None,
    reference: str | None,
    batch: Path | None,
    offline: bool,
    as_json: bool,
) -> None:
    """Grade an answer: score, covered and missing points, feedback and a follow-up question.

    Without --reference, references come from the index (run `interviewer build` first).
    """
    if batch is not None:
        if question or answer or reference:
            raise click.UsageError(
                "--batch cannot be combined with --question/--answer/--reference"
            )
        lines = _read_lines(batch)
        session = _Session(ctx, offline)
        _grade_batch(session, lines)
        return
    if question is None or not question.strip():
        raise click.UsageError("give --question (or --batch FILE)")
    if answer is None:
        raise click.UsageError("give --answer (use '--answer -' to read it from stdin)")
    if answer == "-":
        answer = sys.stdin.read()
    session = _Session(ctx, offline)
    verdict = session.grade(question, answer, reference)
    if as_json:
        click.echo(json.dumps(verdict.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        click.echo(_describe(verdict))


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--offline", is_flag=True, help="Use the similarity grader even if an LLM is set.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Grade only N rows, spread evenly over the file (a cheap, representative check).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_(ctx: click.Context, file: Path, offline: bool, limit: int | None, as_json: bool) -> None:
    """Agreement with human graders on FILE (JSONL with question, answer, reference, human, scale
    and optionally a 3-way `label`): Pearson, Spearman, MAE, same-question ordering, and for
    3-way sets accuracy and macro-F1."""
    from interviewer.grading.metrics import agreement, three_way

    rows, skipped = _eval_rows(_read_lines(file))
    if limit is not None and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    if not rows:
        raise click.UsageError(
            f"{file}: no usable rows (each needs question, answer, human, scale)"
        )
    session = _Session(ctx, offline)
    scores, labels, failed = [], [], 0
    kept = []
    with click.progressbar(rows, label="grading", file=sys.stderr) as bar:
        for row in bar:
            try:
                verdict = session.grade(row["question"], row["answer"], row.get("reference"))
            except Exception as exc:  # noqa: BLE001 - one bad row must not sink the whole run
                failed += 1
                click.echo(f"\nrow {row['_line']}: {exc}", err=True)
                continue
            kept.append(row)
            scores.append(verdict.score / 10)
            labels.append(three_way(verdict.label))
    human = [float(r["human"]) / float(r["scale"]) for r in kept]
    groups = [f"{r['question']}\n{r.get('reference') or ''}" for r in kept]
    gold = [r.get("label") for r in kept]
    result = agreement(scores, human, groups, labels, gold).to_dict()
    result.update(file=str(file), grader=session.name, skipped=skipped, failed=failed)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"{file.name}: {result['n']} rows graded by {session.name}")
    click.echo(f"  Pearson r        {result['pearson']:.3f}")
    click.echo(f"  Spearman r       {result['spearman']:.3f}")
    click.echo(f"  MAE (0..1)       {result['mae']:.3f}")
    click.echo(
        f"  pair ordering    {result['pair_order']:.3f} over {result['pairs']} same-question pairs"
    )
    if result["accuracy"] is not None:
        click.echo(f"  3-way accuracy   {result['accuracy']:.3f}")
        click.echo(f"  3-way macro-F1   {result['macro_f1']:.3f}")
    if skipped or failed:
        click.echo(f"  skipped {skipped} malformed rows, {failed} rows failed to grade")


class _Session:
    """The grader (built once) and, only if some answer needs it, the index to find references."""

    def __init__(self, ctx: click.Context, offline: bool) -> None:
        from interviewer.grading.service import build_grader
        from interviewer.services.models import bank_keys, on_demand_embedder

        self.settings = settings_from(ctx, offline=True if offline else None)
        # the app's thread policy: grading encodes a few short texts at a time (BENCHMARKS.md);
        # loaded only when something is embedded: a keyed grade of a question asked before
        # (its vector kept by an earlier command) needs no model
        self.embedder = on_demand_embedder(self.settings, interactive=True)
        self.keys = bank_keys(self.settings)
        self.grader = build_grader(self.settings, self.embedder, keys=self.keys)
        self.name = self.grader.name
        self._retriever: Any = None

    def grade(self, question: str, answer: str, reference: str | None):  # noqa: ANN201 - Verdict
        """The verdict as the interview words it (`interview/explain.py`)."""
        from interviewer.index.references import references_for
        from interviewer.interview.explain import explain

        if reference is not None and reference.strip():
            refs = references_for(question, None, reference=reference)
        else:
            refs = references_for(question, self._index(), keys=self.keys)
            if not refs:
                from interviewer.errors import GradingError

                raise GradingError("the index has no passage for this question: give --reference")
        return explain(self.grader.grade(question, answer, refs), question)

    def _index(self):  # noqa: ANN202 - HybridRetriever
        if self._retriever is None:
            from interviewer.services.models import open_retriever

            self._retriever = open_retriever(self.settings, self.embedder, keep_queries=True)
        return self._retriever


def _read_lines(path: Path) -> list[str]:
    from interviewer.errors import GradingError

    try:
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GradingError(f"cannot read {path}: {exc}") from None


def _parse(line: str, number: int, required: tuple[str, ...]) -> dict:
    """One JSONL row, or ValueError with a one-line reason."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    for key in required:
        if key not in row:
            raise ValueError(f"missing field {key!r}")
    for key in ("question", "answer", "reference"):
        if key in row and row[key] is not None and not isinstance(row[key], str):
            raise ValueError(f"field {key!r} must be a string")
    if not str(row.get("question") or "").strip():
        raise ValueError("empty question")
    row["_line"] = number
    return row


def _grade_batch(session: _Session, lines: list[str]) -> None:
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    with click.progressbar(numbered, label="grading", file=sys.stderr) as bar:
        for number, line in bar:
            out: dict[str, Any]
            try:
                row = _parse(line, number, ("question", "answer"))
            except ValueError as exc:
                out = {"id": _loose_id(line, number), "line": number, "error": str(exc)}
            else:
                rid = row.get("id", number)
                try:
                    verdict = session.grade(row["question"], row["answer"], row.get("reference"))
                    out = {"id": rid, **verdict.model_dump(mode="json")}
                except Exception as exc:  # noqa: BLE001 - report and continue with the next line
                    out = {
                        "id": rid,
                        "line": number,
                        "error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                    }
            click.echo(json.dumps(out, ensure_ascii=False))
            sys.stdout.flush()


def _loose_id(line: str, number: int) -> Any:
    try:
        row = json.loads(line)
        if isinstance(row, dict) and "id" in row:
            return row["id"]
    except json.JSONDecodeError:
        pass
    return number


def _eval_rows(lines: list[str]) -> tuple[list[dict], int]:
    rows, skipped = [], 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = _parse(line, number, ("question", "answer", "human", "scale"))
            if float(row["scale"]) <= 0:
                raise ValueError("scale must be > 0")
            float(row["human"])
        except (ValueError, TypeError) as exc:
            skipped += 1
            click.echo(f"line {number}: skipped, {exc}", err=True)
            continue
        rows.append(row)
    return rows, skipped


def _describe(verdict) -> str:  # noqa: ANN001 - Verdict
    from interviewer.wording import grader_name

    marks = {"covered": "✓", "partial": "~", "missing": "✗", "contradicted": "!"}
    out = [
        f"Score {verdict.score:.1f}/10  {verdict.label.value}  "
        f"(grader {grader_name(verdict.grader, False)}, confidence {verdict.confidence:.2f})"
    ]
    if verdict.points:
        out.append("Key points:")
        for p in verdict.points:
            line = f"  {marks.get(p.status.value, '?')} {p.status.value:12s} {p.text}"
            if p.evidence:
                line += f'  ← "{p.evidence}"'
            out.append(line)
    for wrong in verdict.misconceptions:
        out.append(f'Wrong: "{wrong.said}" -> {wrong.correction}')
    if verdict.feedback:
        out.append(f"Feedback: {verdict.feedback}")
    if verdict.model_answer:
        out.append(f"Model answer: {verdict.model_answer}")
    if verdict.follow_up:
        out.append(f"Follow-up: {verdict.follow_up}")
    if verdict.references:
        out.append("References:")
        for i, ref in enumerate(verdict.references, 1):
            text = " ".join(ref.text.split())
            text = text if len(text) <= 70 else text[:69] + "…"
            out.append(f"  [{i}] {ref.source or '?'}: {text}")
    if verdict.notes:
        out.append("Notes:")
        out.extend(f"  - {n}" for n in verdict.notes)
    return "\n".join(out)
