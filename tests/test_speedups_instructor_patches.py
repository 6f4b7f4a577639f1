"""The memoised instructor check: still rejects async validators, and is where instructor looks.

These fail when an instructor upgrade moves or renames what ``instructor_speedup`` patches, so
the patch is revisited instead of silently doing nothing.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from pydantic import BaseModel

from summarizer._speedups.instructor_patches import (
    MODULES,
    TEMPLATING,
    compiled_templates,
    memoised,
    quick_async_validator_check,
)
from summarizer.backends.llm.instructed import response_model
from summarizer.backends.llm.response import ArticleExtraction


def test_installed_where_instructor_calls_it() -> None:
    assert quick_async_validator_check()
    assert quick_async_validator_check()  # idempotent
    source, user = (importlib.import_module(m) for m in MODULES)
    assert source.reject_async_validators is user.reject_async_validators
    assert source.reject_async_validators._summarizer_memoised is not None
    import instructor.v2.core.patch as patch_module

    source_text = Path(patch_module.__file__ or "").read_text(encoding="utf-8")
    assert "reject_async_validators(response_model)" in source_text


def test_memoised_check_walks_a_passed_class_once() -> None:
    seen: list[object] = []

    def check(model: object) -> None:
        seen.append(model)

    fast = memoised(check)
    fast(ArticleExtraction)
    fast(ArticleExtraction)
    fast(list[ArticleExtraction])  # not a class: checked every time
    fast(list[ArticleExtraction])
    assert seen == [ArticleExtraction, list[ArticleExtraction], list[ArticleExtraction]]


def test_a_class_with_async_validators_is_still_rejected_every_time() -> None:
    from instructor.v2.validation.async_validators import async_field_validator

    class Bad(BaseModel):
        name: str

        @async_field_validator("name")
        async def _check(self, value: str) -> str:
            return value

    quick_async_validator_check()
    check = importlib.import_module(MODULES[0]).reject_async_validators
    for _ in range(2):
        with pytest.raises(ValueError, match="async validators are not supported"):
            check(Bad)


def test_response_model_is_built_once_and_keeps_the_contract() -> None:
    from instructor import ResponseSchema

    model = response_model()
    assert model is response_model()
    assert issubclass(model, ArticleExtraction) and issubclass(model, ResponseSchema)
    assert model.__name__ == "ArticleExtraction"
    assert model.model_json_schema() == ArticleExtraction.model_json_schema() | {
        "title": "ArticleExtraction"
    }


def test_templates_render_as_instructor_renders_them() -> None:
    assert compiled_templates()
    templating = importlib.import_module(TEMPLATING)
    fast = templating.apply_template
    original = fast._summarizer_memoised
    assert original is not fast
    context = {"article": '[1] He said "{{ x }}" and {% raw %}.\n  [2] Indented.'}
    for text in ("Article:\n{{ article }}", "    indented {{ article }}", "no variables"):
        assert fast(text, context) == original(text, context)
        assert fast(text, context) == original(text, context)  # compiled once, same result
    source_text = Path(templating.__file__ or "").read_text(encoding="utf-8")
    assert "apply_template)" in source_text  # process_message still hands it to the providers


def test_response_model_schema_is_kept_but_handed_out_as_a_copy() -> None:
    model = response_model()
    first = model.model_json_schema()
    first["properties"].clear()
    assert set(model.model_json_schema()["properties"]) == {"summary", "events", "claims", "quotes"}
    serialised = model.model_json_schema(mode="serialization")  # other arguments: pydantic's own
    assert serialised["title"] == "ArticleExtraction"
