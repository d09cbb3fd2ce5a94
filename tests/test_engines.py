"""Engines against local fake providers: wire formats, errors, retries, cache, splitting."""

from __future__ import annotations

import pytest
from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES
from hypothesis import given
from hypothesis import strategies as st

from accord.config import EngineSettings
from accord.errors import ConfigError, TranslationError
from accord.mt.engines import make_engine
from accord.mt.engines.base import engine_code
from accord.mt.engines.cache import TranslationCache, cache_key
from accord.mt.engines.errors import TransientError, UnreachableError, WaitTooLongError
from accord.mt.engines.retry import RetryPolicy, with_retries
from accord.mt.engines.split import join_pieces, split_text
from accord.mt.engines.transport import parse_retry_after
from servers import FakeProvider, Fault

pytest_plugins = ["servers.fixtures"]

ENV = {"DEEPL_AUTH_KEY": "test-key:fx", "MICROSOFT_API_KEY": "secret-ms"}
SENTENCE = "The alliance is strong, said Araghchi."
EXPECTED_DE = "Die Allianz ist stark, sagte Araghchi."


def engine(name: str, url: str, **extra: object):  # type: ignore[no-untyped-def]
    timeout = float(extra.pop("timeout", 2.0))  # type: ignore[arg-type]
    return make_engine(EngineSettings(name=name, url=url, timeout=timeout, extra=extra), ENV)


@pytest.mark.parametrize("name", ["google", "libre", "mymemory", "microsoft", "deepl"])
def test_every_engine_speaks_its_wire_format(provider: FakeProvider, name: str) -> None:
    """Each adapter's real client code reaches the fake provider and returns its translation."""
    assert engine(name, provider.url).translate(SENTENCE, "en", "de") == EXPECTED_DE
    paths = {"google": "/m", "libre": "/translate", "mymemory": "/get",
             "microsoft": "/translate", "deepl": "/v2/translate"}
    assert [r.path for r in provider.translate_requests()] == [paths[name]]


def test_wire_details_match_the_real_apis(provider: FakeProvider) -> None:
    """Google gets sl/tl/q; MyMemory a regional langpair; DeepL the Authorization header."""
    engine("google", provider.url).translate("Hello world", "en", "he")
    engine("mymemory", provider.url).translate("Hello world", "en", "fa")
    engine("deepl", provider.url).translate("Hello world", "en", "pt_BR")
    google, mymemory, deepl = provider.translate_requests()
    assert google.params["q"] == "Hello world"
    assert (google.params["sl"], google.params["tl"]) == ("en", "iw")
    assert mymemory.params["langpair"] == "en-GB|fa-IR"
    assert deepl.headers["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert "auth_key" not in deepl.params
    assert (deepl.params["source_lang"], deepl.params["target_lang"]) == ("EN", "PT-BR")


def test_libre_sends_json_body_and_a_short_query(provider: FakeProvider) -> None:
    """LibreTranslate gets a JSON body; a short text is repeated in the query, never the key."""
    expected = {"q": "Hello world", "source": "en", "target": "de", "format": "text"}
    keyed = make_engine(EngineSettings(name="libre", url=provider.url), {"LIBRE_API_KEY": "k1"})
    keyed.translate("Hello world", "en", "de")
    request = provider.requests[-1]
    assert request.headers["Content-Type"] == "application/json"
    assert request.body == {**expected, "api_key": "k1"}
    assert request.query == expected
    long_text = "Hello world. " * 300
    engine("libre", provider.url).translate(long_text, "en", "de")
    assert provider.requests[-1].query == {}
    assert provider.requests[-1].body["q"] == long_text


@pytest.mark.parametrize("suffix", ["", "/", "translate", "translate/"])
def test_libre_url_may_name_the_root_or_the_endpoint(provider: FakeProvider, suffix: str) -> None:
    """``url`` may be written with or without the trailing slash or ``/translate``."""
    url = provider.url.rstrip("/") + ("/" + suffix if suffix.strip("/") else suffix)
    assert engine("libre", url).translate("Hello", "en", "de") == "Hallo"
    assert provider.requests[-1].path == "/translate"


def test_libre_sends_key_only_when_set(provider: FakeProvider) -> None:
    """A self-hosted LibreTranslate gets no api_key; a configured $LIBRE_API_KEY is sent."""
    engine("libre", provider.url).translate("Hello", "en", "de")
    assert "api_key" not in provider.requests[-1].params
    provider.libre_key = "k1"
    keyed = make_engine(EngineSettings(name="libre", url=provider.url), {"LIBRE_API_KEY": "k1"})
    assert keyed.translate("Hello", "en", "de") == "Hallo"
    with pytest.raises(TranslationError, match=r"refused the request.*API key"):
        engine("libre", provider.url).translate("Hello", "en", "fr")


def test_languages_outside_deep_translators_libre_table_work(provider: FakeProvider) -> None:
    """deep-translator's LibreTranslate table lacks Persian; the server decides instead."""
    engine("libre", provider.url).translate("Hello", "en", "fa")
    assert provider.requests[-1].params["target"] == "fa"


def test_missing_keys_and_unknown_engines_are_clear_errors(provider: FakeProvider) -> None:
    """No key in the environment, or a made-up engine name, is an Accord error, not a traceback."""
    with pytest.raises(TranslationError, match=r"\$DEEPL_AUTH_KEY"):
        make_engine(EngineSettings(name="deepl", url=provider.url), {})
    with pytest.raises(TranslationError, match=r"\$MICROSOFT_API_KEY"):
        make_engine(EngineSettings(name="microsoft", url=provider.url), {})
    with pytest.raises(ConfigError, match="unknown engine"):
        make_engine(EngineSettings(name="babelfish"), {})


def test_a_malformed_url_is_a_permanent_error() -> None:
    """A url setting that is not a URL is not retried."""
    with pytest.raises(TranslationError, match="invalid engine URL") as caught:
        engine("libre", "localhost-without-scheme").translate("Hello", "en", "de")
    assert not isinstance(caught.value, TransientError)


def test_retryable_status_carries_retry_after(provider: FakeProvider) -> None:
    """A 429 with Retry-After becomes a TransientError holding the delay."""
    provider.faults.append(Fault.status(429, retry_after=7))
    with pytest.raises(TransientError) as caught:
        engine("google", provider.url).translate("Hello", "en", "de")
    assert caught.value.retry_after == 7.0
    assert caught.value.status == 429


@pytest.mark.parametrize("name", ["google", "libre", "deepl"])
def test_server_errors_are_transient(provider: FakeProvider, name: str) -> None:
    """A 500 is worth retrying, whatever library made the request."""
    provider.faults.append(Fault.status(500))
    with pytest.raises(TransientError) as caught:
        engine(name, provider.url).translate("Hello", "en", "de")
    assert caught.value.status == 500


def test_hanging_server_times_out(provider: FakeProvider) -> None:
    """deep-translator sets no timeout; Accord's transport does."""
    provider.faults.append(Fault.hang())
    with pytest.raises(TransientError, match="no answer"):
        engine("libre", provider.url, timeout=0.2).translate("Hello", "en", "de")


@pytest.mark.parametrize("name", ["libre", "mymemory", "deepl"])
def test_malformed_bodies_are_translation_errors(provider: FakeProvider, name: str) -> None:
    """A body that is not the expected JSON is a permanent TranslationError."""
    provider.faults.append(Fault.malformed())
    with pytest.raises(TranslationError, match="malformed") as caught:
        engine(name, provider.url).translate("Hello", "en", "de")
    assert not isinstance(caught.value, TransientError)


@pytest.mark.parametrize("name", ["google", "libre", "deepl"])
def test_refused_connection_is_unreachable(dead_url: str, name: str) -> None:
    """Nobody listening becomes UnreachableError (deep-translator leaks a raw ConnectionError)."""
    with pytest.raises(UnreachableError, match="cannot connect"):
        engine(name, dead_url).translate("Hello", "en", "de")


def test_deepl_native_glossary_is_created_once_and_replaced_when_changed(
    provider: FakeProvider,
) -> None:
    """The DeepL glossary is made from the entries, reused by name, and renewed on change."""
    first = engine("deepl", provider.url)
    first.use_glossary("en", "de", {"alliance": "Bündnis"})
    assert first.translate(SENTENCE, "en", "de") == "Die Bündnis ist stark, sagte Araghchi."
    second = engine("deepl", provider.url)
    second.use_glossary("en", "de", {"alliance": "Bündnis"})
    second.translate(SENTENCE, "en", "de")
    creations = [r for r in provider.requests if r.method == "POST" and r.path == "/v2/glossaries"]
    assert len(creations) == 1
    assert creations[0].params["entries"] == "alliance\tBündnis"
    changed = engine("deepl", provider.url)
    changed.use_glossary("en", "de", {"alliance": "Bündnis", "treaty": "Abkommen"})
    assert changed.translate("The treaty", "en", "de") == "Die Abkommen"
    assert len(provider.glossaries) == 1  # the stale glossary was deleted
    assert next(iter(provider.glossaries.values())).entries["treaty"] == "Abkommen"


def test_retries_honour_retry_after_and_back_off() -> None:
    """Retry-After is waited exactly; otherwise waits grow exponentially with jitter."""
    sleeps: list[float] = []
    answers = iter([TransientError("429", retry_after=3), TransientError("500"),
                    TransientError("500"), "done"])

    def call() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    policy = RetryPolicy(retries=5, base=1.0, sleep=sleeps.append, random=lambda: 1.0)
    assert with_retries(call, policy) == "done"
    assert sleeps == [3.0, 2.0, 4.0]


def test_retries_give_up_after_the_limit() -> None:
    """After ``retries`` retries the last TransientError propagates; permanent errors at once."""
    sleeps: list[float] = []
    calls = []

    def failing() -> str:
        calls.append(1)
        raise TransientError("503")

    with pytest.raises(TransientError):
        with_retries(failing, RetryPolicy(retries=2, sleep=sleeps.append, random=lambda: 0.0))
    assert len(calls) == 3
    assert len(sleeps) == 2

    def permanent() -> str:
        calls.append(1)
        raise TranslationError("bad key")

    with pytest.raises(TranslationError):
        with_retries(permanent, RetryPolicy(sleep=sleeps.append))
    assert len(calls) == 4


def test_jitter_stays_within_half_to_full_backoff() -> None:
    """Equal jitter: each wait lies between half and all of the capped exponential backoff."""
    low = RetryPolicy(base=1.0, cap=10.0, random=lambda: 0.0)
    high = RetryPolicy(base=1.0, cap=10.0, random=lambda: 1.0)
    error = TransientError("x")
    assert [low.delay(n, error) for n in (1, 2, 3, 6)] == [0.5, 1.0, 2.0, 5.0]
    assert [high.delay(n, error) for n in (1, 2, 3, 6)] == [1.0, 2.0, 4.0, 10.0]
    assert low.delay(1, TransientError("x", retry_after=500)) == low.max_retry_after
    assert low.delay(2, TransientError("x", retry_after=0)) == 1.0


def test_parse_retry_after_reads_seconds_and_dates() -> None:
    """Both forms of Retry-After are understood; nonsense is ignored."""
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("Wed, 25 Nov 2026 10:00:30 GMT", now=1795600800.0) == 30.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_cache_persists_answers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An answer put in the cache is there after reopening the file."""
    key = cache_key("libre", "en", "de", "Hello")
    with TranslationCache.for_engine(tmp_path, "libre") as cache:
        assert cache.get(key) is None
        cache.put(key, "Hello", "Hallo")
    with TranslationCache.for_engine(tmp_path, "libre") as cache:
        assert cache.get(key) == "Hallo"
        assert len(cache) == 1
    assert key != cache_key("libre", "en", "de", "Hello", variant="glossary-2")


def test_engine_codes_follow_each_engines_table() -> None:
    """Accord locales map to each engine's own codes; unsupported ones are an error."""
    google = GOOGLE_LANGUAGES_TO_CODES.values()
    assert engine_code("google", "zh_Hant_TW", google) == "zh-TW"
    assert engine_code("google", "pt_BR", google) == "pt"
    assert engine_code("libre", "pt_BR", None) == "pt"
    with pytest.raises(TranslationError, match="does not support"):
        engine_code("google", "fa", ["en", "de"])


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\t\"»")), max_size=300),
       st.integers(min_value=2, max_value=40))
def test_split_pieces_rejoin_to_the_text(text: str, limit: int) -> None:
    """Splitting never loses or adds a character and keeps every piece under the limit."""
    pieces = split_text(text, limit)
    assert "".join(piece + sep for piece, sep in pieces) == text
    assert all(len(piece) < limit for piece, _ in pieces)
    assert join_pieces(pieces, lambda p: p) == text


def test_split_prefers_sentence_boundaries() -> None:
    """Long text is cut after sentences, not inside them."""
    text = "First sentence here. Second one! Third?"
    assert split_text(text, 25) == [("First sentence here.", " "), ("Second one! Third?", "")]


def test_long_segments_are_split_for_google(provider: FakeProvider) -> None:
    """Google refuses 5,000 characters; the translate layer sends pieces and rejoins them."""
    google = engine("google", provider.url)
    text = ("Hello world. " * 800).strip()
    assert len(text) > google.max_chars
    out = join_pieces(split_text(text, google.max_chars), lambda p: google.translate(p, "en", "de"))
    assert out == ("Hallo Welt. " * 800).strip()
    assert len(provider.translate_requests()) == 3


def test_a_retry_after_longer_than_the_cap_is_not_waited_for() -> None:
    """A Retry-After above ``max_retry_after`` raises WaitTooLongError instead of sleeping."""
    sleeps: list[float] = []

    def call() -> str:
        raise TransientError("HTTP 429", retry_after=100000, status=429)

    with pytest.raises(WaitTooLongError, match="asks to wait 100000 s"):
        with_retries(call, RetryPolicy(retries=5, sleep=sleeps.append))
    assert sleeps == []
