"""Tests of item codes (servicecatalog.codes, DESIGN §5): ``AA DDDD MMM SSS``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicecatalog import InvalidCodeError, ItemCode, ServiceCatalogError, codes
from servicecatalog.codes import NO_SUB_ITEM, describe_code_problem


def test_parse_splits_the_four_parts() -> None:
    code = ItemCode.parse("220114043000")
    assert code == ItemCode(province="22", department="0114", main="043", sub="000")
    assert code.province == "22"
    assert code.department == "0114"
    assert code.main == "043"
    assert code.sub == "000"
    assert code.main_code == "220114043"
    assert not code.has_sub_item
    assert str(code) == "220114043000"


def test_sub_item() -> None:
    code = ItemCode.parse("220114001002")
    assert code.has_sub_item
    assert code.sub == "002"
    assert code.main_code == ItemCode.parse("220114001001").main_code
    assert NO_SUB_ITEM == "000"


def test_codes_order_as_their_digits() -> None:
    codes = ["220114043000", "220114001002", "000114001000", "220114001001"]
    assert [str(c) for c in sorted(ItemCode.parse(c) for c in codes)] == sorted(codes)


def test_code_is_frozen() -> None:
    code = ItemCode.parse("220114043000")
    with pytest.raises(AttributeError):
        code.sub = "001"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "22011404300",
        "2201140430000",
        "22011404300a",
        "2201 14043000",
        " 220114043000",
        "220114043000\n",
        "22-0114-043-000",
        "٢٢٠١١٤٠٤٣٠٠٠",  # Arabic-Indic digits: not ASCII, and not full-width either
    ],
)
def test_invalid_codes_raise(text: str) -> None:
    with pytest.raises(InvalidCodeError) as raised:
        ItemCode.parse(text)
    error = raised.value
    assert error.code == text
    assert error.reason == (
        f"code '{text}' must be 12 digits (province 2, department 4, main item 3, sub-item 3)"
    )
    assert repr(text) in str(error)
    assert describe_code_problem(text) == (
        f"编码 “{text}” 应为 12 位数字（省 2 位、部门 4 位、主项 3 位、子项 3 位）",
        error.reason,
    )


def test_invalid_code_error_is_a_library_error_and_a_value_error() -> None:
    assert issubclass(InvalidCodeError, ServiceCatalogError)
    assert issubclass(InvalidCodeError, ValueError)
    with pytest.raises(ValueError, match="is not an item code"):
        ItemCode.parse("x")
    with pytest.raises(ServiceCatalogError):
        ItemCode.parse("x")


@pytest.mark.parametrize(
    ("text", "ascii_code"),
    [
        ("２２０１１４０４３０００", "220114043000"),
        ("22０114043000", "220114043000"),
        ("220114043００１", "220114043001"),
    ],
)
def test_full_width_digits_are_named(text: str, ascii_code: str) -> None:
    assert describe_code_problem(text) == (
        f"编码 “{text}” 使用了全角数字，应为半角数字 “{ascii_code}”",
        f"code '{text}' uses full-width digits; write '{ascii_code}'",
    )
    with pytest.raises(InvalidCodeError) as raised:
        ItemCode.parse(text)
    assert raised.value.reason == f"code '{text}' uses full-width digits; write '{ascii_code}'"
    assert raised.value.message == str(raised.value)


def test_full_width_digits_of_the_wrong_length_get_the_length_message() -> None:
    problem = describe_code_problem("２２０１１４")
    assert problem is not None
    assert "12" in problem[0]
    assert "12 digits" in problem[1]


def test_valid_code_has_no_problem() -> None:
    assert describe_code_problem("220114043000") is None


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_ascii_digits_round_trip(text: str) -> None:
    code = ItemCode.parse(text)
    assert str(code) == text
    assert code.has_sub_item == (text[9:] != "000")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_anything_else_raises_invalid_code_error(text: str) -> None:
    is_code = len(text) == 12 and all(c in "0123456789" for c in text)
    if is_code:
        assert str(ItemCode.parse(text)) == text
    else:
        with pytest.raises(InvalidCodeError):
            ItemCode.parse(text)


def test_province_names_follow_gb_t_2260() -> None:
    assert codes.province_name("22") == "吉林省"
    assert codes.province_name("65") == "新疆维吾尔自治区"
    assert codes.province_name("00") is None  # national items serve no one province
    assert len(codes.PROVINCES) == 31  # the mainland's provinces, regions and municipalities
