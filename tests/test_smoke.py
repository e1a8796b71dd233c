import pytest


@pytest.mark.parametrize("lang_prefix", ["", "/cy"])
def test_published_plan_page_renders_for_the_public_in_both_languages(client, world, lang_prefix):
    response = client.get(f"{lang_prefix}/strategies/{world.strategy.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{"cy" if lang_prefix else "en"}"' in html
    assert world.police_action.text_en in html
