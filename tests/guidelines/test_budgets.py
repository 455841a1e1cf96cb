"""The guideline listing costs the same number of queries however long it grows."""

import pytest

from tests.guidelines.conftest import make_guideline

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("who", [None, "member"])
def test_index_query_budget(
    client, request, index, nurses, size, who, django_assert_max_num_queries
):
    for n in range(size):
        make_guideline(index, f"CC-G-{n:03d}", staff_groups=[nurses])
    if who:
        client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(34):
        response = client.get(index.url, {"pathway": "adult-critical-care", "q": "guideline"})
    assert f"{size} documents" in response.content.decode()


@pytest.mark.parametrize("size", [1, 12])
def test_guideline_page_query_budget(client, index, size, django_assert_max_num_queries):
    from tests.guidelines.conftest import republish

    others = [make_guideline(index, f"CC-P-{n:03d}") for n in range(size)]
    page = make_guideline(index, "CC-G-012")
    for minor in range(1, size + 1):
        page = republish(page, version_minor=minor)
    page = republish(page, related=others)
    # 24, and 1 for the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(25):
        response = client.get(page.url)
    assert response.status_code == 200
