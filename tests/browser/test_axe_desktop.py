"""axe-core on every main page at 1280×900: no serious or critical violation."""

from __future__ import annotations

import pytest

from tests.browser.main_pages import axe_params, check_with_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", axe_params("desktop"))
def test_main_page_has_no_serious_axe_violation_on_desktop(open_tab, count_as, demo_ids, page):
    check_with_axe(open_tab, count_as, demo_ids, page, "desktop")
