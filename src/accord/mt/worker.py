"""Machine translation of one segment: protect, request, restore, enforce.

A :class:`Translator` runs in worker threads and touches no file but the engine
caches: for each :class:`Job` it protects the glossary's names and brands, asks the
engine (cache first, long text split, retries with backoff, at most
``concurrency`` requests in flight per engine), restores the target renderings,
fixes forbidden variants and verifies the result, and returns an :class:`Outcome`.
An engine that is unreachable, or fails three segments in a row after all their
retries, counts as down for the rest of the run: later jobs fail at once.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from accord.config import Config, EngineSettings
from accord.errors import TranslationError
from accord.glossary import Glossary
from accord.mt.enforce import Enforced, enforce, protect, restore, substitute, unsure_cases
from accord.mt.engines import Engine, deadline, make_engine
from accord.mt.engines.answer import PlaceholdersLostError, checked_answer
from accord.mt.engines.cache import TranslationCache, cache_key
from accord.mt.engines.errors import TransientError, UnreachableError, WaitTooLongError
from accord.mt.engines.retry import RetryPolicy, with_retries
from accord.mt.engines.split import join_pieces, split_text

INTERRUPTED = "interrupted"
TRIP_AFTER = 3  # consecutive failed segments after which an engine counts as down


@dataclass(frozen=True)
class Job:
    """One untranslated entry an engine must fill."""

    path: Path
    file: str  # path relative to the repository, for messages
    locale: str
    source_lang: str
    engine: str
    msgid: str
    msgctxt: str | None
    line: int


@dataclass(frozen=True)
class Outcome:
    """What became of one job."""

    job: Job
    enforced: Enforced | None
    requests: int  # requests sent for it
    cached: int  # pieces answered by the cache
    error: TranslationError | None = None


@dataclass
class _EngineState:
    """One engine during a run: client, cache, concurrency bound, circuit breaker."""

    engine: Engine
    settings: EngineSettings
    policy: RetryPolicy
    cache: TranslationCache
    slots: threading.Semaphore
    variants: dict[tuple[str, str], str] = field(default_factory=dict)
    down: threading.Event = field(default_factory=threading.Event)
    down_reason: str = ""
    failures_in_a_row: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Translator:
    """Runs jobs of one plan: requests, cache, enforcement (worker side, no file I/O).

    ``policy`` gives the sleeping and jitter; the number of retries is each engine's
    ``retries`` setting.
    """

    def __init__(
        self,
        config: Config,
        glossary: Glossary,
        policy: RetryPolicy,
        env: Mapping[str, str] | None = None,
    ):
        self.config = config
        self.glossary = glossary
        self.cancelled = threading.Event()
        if policy.sleep is time.sleep:  # real waits end at once when the run is cancelled
            policy = dataclasses.replace(policy, sleep=self._wait)
        self.policy = policy
        self.env = os.environ if env is None else env
        self.engines: dict[str, _EngineState] = {}

    def prepare(self, jobs: list[Job]) -> None:
        """Create the engines the jobs need and hand them the glossary (no request yet)."""
        for job in jobs:
            state = self.engines.get(job.engine)
            if state is None:
                settings = self.config.translate.settings_for(job.engine)
                if settings.name != job.engine:
                    settings = EngineSettings(name=job.engine)
                engine = make_engine(settings, self.env)
                cache = TranslationCache.for_engine(
                    self.config.cache_dir, job.engine, self.config.relative(self.config.cache_dir))
                policy = dataclasses.replace(self.policy, retries=max(0, settings.retries))
                slots = threading.Semaphore(max(1, settings.concurrency))
                state = _EngineState(engine, settings, policy, cache, slots)
                self.engines[job.engine] = state
            pair = (job.source_lang, job.locale)
            if pair not in state.variants:
                entries = glossary_entries(self.glossary, *pair)
                state.variants[pair] = state.engine.use_glossary(*pair, entries)
        for lang in {j.source_lang for j in jobs} | {j.locale for j in jobs}:
            self.glossary.find("", lang)  # compile matchers before threads share them

    def concurrency(self) -> int:
        """How many worker threads the run needs."""
        return max((s.settings.concurrency for s in self.engines.values()), default=1)

    def cancel(self) -> None:
        """Stop the run (Ctrl-C): waits between retries end now, no new request starts.

        A request in flight is abandoned at once (see engines/deadline.py).
        """
        self.cancelled.set()

    def _wait(self, seconds: float) -> None:
        self.cancelled.wait(seconds)

    def close(self) -> None:
        """Close the caches."""
        for state in self.engines.values():
            state.cache.close()

    def cached_only(self, job: Job) -> bool:
        """True if the cache answers ``job`` completely (for a dry run)."""
        state = self.engines[job.engine]
        protected = protect(self.glossary, job.msgid, job.source_lang, job.locale)
        pieces = split_text(protected.text, state.engine.max_chars)
        return all(
            state.cache.get(self._key(state, job, piece)) is not None
            for piece, _ in pieces if piece.strip()
        )

    def run(self, job: Job) -> Outcome:
        """Translate one job: protect, request (cache, retries), restore, enforce."""
        state = self.engines[job.engine]
        counts = [0, 0]  # requests, cached pieces
        if self.cancelled.is_set():
            return Outcome(job, None, 0, 0, TranslationError(INTERRUPTED, path=job.file))
        if state.down.is_set():
            return Outcome(job, None, 0, 0, TranslationError(state.down_reason, path=job.file))
        try:
            protected = protect(self.glossary, job.msgid, job.source_lang, job.locale)
            try:
                output = self._request(state, job, protected.text, counts)
                restored = restore(output, protected, job.source_lang, job.locale)
            except PlaceholdersLostError:
                restored = None
            notes: tuple[str, ...] = ()
            if restored is None:
                # The engine lost or doubled a placeholder: ask for the plain text.
                plain = self._request(state, job, job.msgid, counts)
                restored = substitute(plain, protected, self.glossary, job.source_lang,
                                      job.locale)
            else:
                notes = unsure_cases(output, protected, job.locale)
            enforced = enforce(self.glossary, protected, restored, job.source_lang, job.locale,
                               notes=notes)
            if not enforced.text.strip():
                raise TranslationError(f"engine {job.engine} answered with empty text")
        except TranslationError as error:
            self._failed(state, error)
            error.path, error.line = job.file, job.line
            return Outcome(job, None, counts[0], counts[1], error)
        with state.lock:
            state.failures_in_a_row = 0
        return Outcome(job, enforced, counts[0], counts[1])

    def _failed(self, state: _EngineState, error: TranslationError) -> None:
        with state.lock:
            state.failures_in_a_row += 1
            if isinstance(error, WaitTooLongError):
                state.down_reason = f"engine {state.engine.name}: {error.message}"
                state.down.set()
            elif isinstance(error, UnreachableError) or (
                isinstance(error, TransientError) and state.failures_in_a_row >= TRIP_AFTER
            ):
                state.down_reason = f"engine {state.engine.name} is down ({error.message})"
                state.down.set()

    def _key(self, state: _EngineState, job: Job, text: str) -> str:
        variant = state.variants.get((job.source_lang, job.locale), "")
        return cache_key(job.engine, job.source_lang, job.locale, text, variant)

    def _request(self, state: _EngineState, job: Job, text: str, counts: list[int]) -> str:
        def one_piece(piece: str) -> str:
            key = self._key(state, job, piece)
            cached = state.cache.get(key)
            if cached is not None:
                counts[1] += 1
                return cached

            def call() -> str:
                if self.cancelled.is_set():
                    raise TranslationError(INTERRUPTED)
                if state.down.is_set():
                    raise TranslationError(state.down_reason)
                counts[0] += 1
                with state.slots, deadline.cancellable(self.cancelled):
                    return state.engine.translate(piece, job.source_lang, job.locale)

            # Checked before caching: a garbage answer is asked for again next run.
            answer = checked_answer(piece, with_retries(call, state.policy), job.engine)
            state.cache.put(key, piece, answer)
            return answer

        return join_pieces(split_text(text, state.engine.max_chars), one_piece)


def glossary_entries(glossary: Glossary, source_lang: str, locale: str) -> dict[str, str]:
    """Source → target renderings of every concept with both, aligned form by form."""
    entries: dict[str, str] = {}
    for concept in glossary.concepts:
        sources, targets = concept.renderings(source_lang), concept.renderings(locale)
        for index, form in enumerate(sources):
            if targets:
                entries.setdefault(form, targets[index] if index < len(targets) else targets[0])
    return entries
