"""Row links built from one reversal are the links ``reverse`` gives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.reversing import url_maker


@pytest.mark.parametrize(
    ("name", "leading"),
    [
        ("crew:list", ()),
        ("crew:person", (7,)),
        ("crew:engagement-edit", (12,)),
        ("scheduling:scene-detail", (3,)),
    ],
)
def test_the_made_url_is_the_reversed_one(name, leading):
    make = url_maker(name, *leading)

    for pk in (1, 9, 10, 4567, 2**40):
        assert make(pk) == reverse(name, args=[*leading, pk])
