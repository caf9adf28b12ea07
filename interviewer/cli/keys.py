"""`interviewer keys`: the answer keys the grader reads — list, show, edit, check."""

from __future__ import annotations

import json
from pathlib import Path

import click

from interviewer.cli.build import _location_options, _settings

BLANK_POINT = "Replace this line with the first key point, said as one full sentence."
"""The one point of a blank key (`keys edit` on a question whose notes have no answer)."""


class _KeysGroup(click.Group):
    """`interviewer keys QID` is `interviewer keys show QID`: a question id is never a command."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().resolve_command(ctx, args)


@click.group(cls=_KeysGroup, invoke_without_command=True)
@_location_options
@click.pass_context
def keys(ctx: click.Context, corpus_dir: str | None, index_dir: str | None) -> None:
    """Answer keys: with no command, every bank question and the key it is graded against;
    `keys QID` shows one (as `keys show QID`)."""
    ctx.ensure_object(dict)
    ctx.obj["keys_settings"] = _settings(ctx, corpus_dir, index_dir)
    if ctx.invoked_subcommand is None:
        ctx.invoke(show, question_id=None, as_json=False)


@keys.command()
@click.argument("question_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="The key as JSON.")
@click.pass_context
def show(ctx: click.Context, question_id: str | None, as_json: bool) -> None:
    """Show the key of QUESTION_ID (a draft from the notes when nobody wrote one)."""
    from interviewer.errors import InterviewerError

    settings = ctx.obj["keys_settings"]
    book, bank = _book(settings)
    if question_id is None:
        for q in bank:
            key = book.get(q.id)
            what = (
                f"{key.origin.value:<5} {len(key.points)} points, "
                f"{len(key.misconceptions)} misconceptions"
                if key
                else "none  graded by similarity to the notes"
            )
            click.echo(f"{q.id}  {what}  {q.text}")
        click.echo(f"{sum(q.id in book for q in bank)} of {len(bank)} questions have a key")
        return
    key = book.get(question_id) or _derived(_known(bank, question_id))
    if key is None:
        raise InterviewerError(
            f"no key for {question_id} and no answer in the notes to draft one from: "
            f"`interviewer keys edit {question_id}` starts one"
        )
    if as_json:
        shown = key.model_dump(mode="json", exclude={"focused"})
        click.echo(json.dumps(shown, ensure_ascii=False, indent=1))
        return
    from interviewer.keys.write import dump_key

    where = key.source or "derived from the notes (not saved; `interviewer keys edit` saves it)"
    click.echo(dump_key(key, header=f"key for {question_id}: {where}"), nl=False)


@keys.command()
@click.argument("question_id")
@click.pass_context
def edit(ctx: click.Context, question_id: str) -> None:
    """Edit the key of QUESTION_ID in $EDITOR; your copy is kept in the data directory, wins
    over the shipped key and is never overwritten by a rebuild."""
    from interviewer import paths
    from interviewer.errors import InterviewerError
    from interviewer.keys.load import read_key
    from interviewer.keys.write import dump_key
    from interviewer.types.answer_key import Origin

    settings = ctx.obj["keys_settings"]
    book, bank = _book(settings)
    target = paths.user_keys_dir() / f"{question_id}.toml"
    if not target.exists():
        key = book.get(question_id)
        if key is None:
            question = _known(bank, question_id)
            key = _derived(question) or _blank(question)
        target.parent.mkdir(parents=True, exist_ok=True)
        mine = key.model_copy(update={"origin": Origin.USER, "ids": [question_id]})
        header = f"Your answer key for {question_id}; format: corpus/keys/README.md"
        target.write_text(dump_key(mine, header=header), encoding="utf-8")
    click.edit(filename=str(target))
    key, problem = read_key(target)
    if key is None:
        raise InterviewerError(f"{problem} (fix it with `interviewer keys edit {question_id}`)")
    click.echo(
        f"saved {target}: {len(key.points)} points, {len(key.misconceptions)} misconceptions"
    )


@keys.command()
@click.argument("question_ids", nargs=-1)
@click.pass_context
def draft(ctx: click.Context, question_ids: tuple[str, ...]) -> None:
    """Have the configured LLM draft keys for questions that have none (all of them, or
    QUESTION_IDS). Drafts are checked like hand-written keys, saved as your key files, reused
    while the notes are unchanged, and never replace a key you edited."""
    from interviewer import paths
    from interviewer.errors import ConfigError
    from interviewer.grading.keydraft import content_hash, draft_key, drafted_digest, save_draft
    from interviewer.llm.client import LLMError, make_client

    settings = ctx.obj["keys_settings"]
    if not settings.llm_enabled:
        raise ConfigError("drafting keys needs an LLM: set INTERVIEWER_LLM_MODEL (see README)")
    client = make_client(settings)
    book, bank = _book(settings)
    wanted = set(question_ids)
    folder = paths.user_keys_dir()
    for q in bank:
        if wanted and q.id not in wanted:
            continue
        reference = "\n".join(item.answer for item in q.items if item.answer)
        digest = content_hash(q.text, reference, settings.llm_model or "")
        existing = book.get(q.id)
        if existing is not None and existing.origin.value != "llm":
            click.echo(f"{q.id}  kept   {existing.origin.value} key")
            continue
        if existing is not None and drafted_digest(Path(existing.source)) == digest:
            click.echo(f"{q.id}  kept   draft of these notes")
            continue
        try:
            key = draft_key(client, q.id, q.text, reference)
        except LLMError as exc:
            click.echo(f"{q.id}  failed {client.redact(str(exc))}")
            continue
        saved = save_draft(key, folder, digest) if key is not None else None
        click.echo(f"{q.id}  {'drafted' if saved else 'no usable draft'}  {q.text}")


@keys.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def check(files: tuple[str, ...]) -> None:
    """Validate key FILES and check each example is graded as its author meant."""
    from interviewer.errors import InterviewerError
    from interviewer.grading.keycheck import key_problems
    from interviewer.keys.load import read_key

    bad = 0
    for name in files:
        key, problem = read_key(Path(name))
        problems = [problem] if key is None else [f"{name}: {p}" for p in key_problems(key)]
        for line in problems:
            click.echo(line)
        bad += bool(problems)
    if bad:
        raise InterviewerError(f"{bad} of {len(files)} key files have problems")
    click.echo(f"{len(files)} key files ok")


def _book(settings):  # noqa: ANN001, ANN202 - (KeyBook, list[Question])
    from interviewer.index.store import read_questions
    from interviewer.services.models import bank_keys

    _, bank = read_questions(settings.index_dir)
    return bank_keys(settings), bank


def _known(bank, question_id: str):  # noqa: ANN001, ANN202 - Question
    from interviewer.errors import InterviewerError

    question = next((q for q in bank if q.id == question_id), None)
    if question is None:
        raise InterviewerError(f"no question {question_id!r}: see `interviewer questions`")
    return question


def _blank(question):  # noqa: ANN001, ANN202 - AnswerKey
    """A key to fill in, for a question whose notes give nothing to draft one from."""
    from interviewer.types.answer_key import AnswerKey, AnswerPoint, Origin

    point = AnswerPoint(text=BLANK_POINT, concepts=[["term"]])
    return AnswerKey(ids=[question.id], question=question.text, origin=Origin.USER, points=[point])


def _derived(question):  # noqa: ANN001, ANN202 - AnswerKey | None
    """The draft key cut from the question's notes, or None when they give nothing."""
    from interviewer.grading.keyderive import derive_key

    reference = "\n".join(item.answer for item in question.items if item.answer)
    return derive_key(question.id, question.text, reference) if reference else None
