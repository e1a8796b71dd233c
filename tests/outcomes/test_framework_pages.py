from vawdasv.outcomes.models import Measure, ValidationRule


def test_an_administrator_adds_a_measure_without_code(client, world, outcomes):
    client.force_login(world.admin)
    response = client.post(
        "/outcomes/cardiff-vale/measures/add/",
        {"code": "dvpn_issued", "name_en": "DVPNs issued", "name_cy": "DVPNau a roddwyd",
         "unit": "count", "supplier_type": "police_force", "frequency": "quarterly",
         "geography": "local_authority", "direction": "neither", "source": "Police",
         "category_sets": [outcomes.sex.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    measure = Measure.objects.get(code="dvpn_issued")
    assert list(measure.category_sets.all()) == [outcomes.sex]


def test_a_second_edit_from_an_old_version_is_refused(client, world, outcomes):
    client.force_login(world.admin)
    url = f"/outcomes/cardiff-vale/measures/{outcomes.repeats.pk}/"
    form = {"code": "repeat_cases", "name_en": "Repeats", "unit": "count",
            "supplier_type": "police_force", "frequency": "quarterly",
            "geography": "local_authority", "direction": "lower", "version": "1"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "name_en": "Other"})
    page = response.content.decode()
    assert response.status_code == 400 and "Somebody else changed" in page
    assert "The version saved by somebody else" in page and "Repeats" in page


def test_an_unsafe_rule_is_refused_with_a_message_on_the_page(client, world, outcomes):
    client.force_login(world.admin)
    response = client.post(
        "/outcomes/cardiff-vale/rules/add/",
        {"expression": "__import__('os').system('x') == 0", "severity": "block",
         "message_en": "x"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "may use only measure codes" in response.content.decode()
    assert not ValidationRule.objects.exists()


def test_only_administrators_reach_the_framework_forms(client, world, outcomes):
    for person, status in ((world.lead, 403), (world.board, 403), (world.outsider, 404)):
        client.force_login(person)
        assert client.get("/outcomes/cardiff-vale/measures/add/").status_code == status
        assert client.get("/outcomes/cardiff-vale/rules/add/").status_code == status
