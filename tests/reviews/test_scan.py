from vawdasv.reviews.scan import scan_pages, scan_text


def kinds(text, **kwargs):
    return [(f.kind, f.text) for f in scan_text(text, **kwargs)]


def test_a_date_of_birth_is_found_with_its_place_in_the_text():
    [finding] = scan_text("Adult A (date of birth 12/03/1984) moved here.", page=3)
    assert finding.kind == "date_of_birth"
    assert finding.page == 3
    assert "[date of birth 12/03/1984]" in finding.context


def test_born_on_a_written_date_is_a_date_of_birth():
    assert kinds("She was born on 4 July 1990 in Newport.")[0][0] == "date_of_birth"


def test_a_month_and_year_alone_is_not_a_date_of_birth():
    assert kinds("The panel met in March 2020 and again in May 2021.") == []


def test_addresses_postcodes_and_phone_numbers_are_found():
    found = kinds("They lived at 14 Maple Road, CF10 3AT; her number was 029 2087 1234.")
    assert ("address", "14 Maple Road") in found
    assert ("postcode", "CF10 3AT") in found
    assert ("phone", "029 2087 1234") in found


def test_a_welsh_street_address_is_found():
    assert ("address", "3 Heol y Bont") in kinds("Roedd hi'n byw yn 3 Heol y Bont.")


def test_an_nhs_number_is_found_only_when_its_check_digit_is_right():
    assert kinds("NHS number 943 476 5919.") == [("nhs_number", "943 476 5919")]
    assert not [k for k, _ in kinds("Reference 943 476 5918.") if k == "nhs_number"]


def test_a_national_insurance_number_is_found():
    assert ("ni_number", "AB 12 34 56 C") in kinds("NI number AB 12 34 56 C was recorded.")


def test_full_names_are_found_but_organisations_and_pseudonyms_are_not():
    text = "Dr Helen Morgan referred Adult A to South Wales Police. Jane Hughes was interviewed."
    found = kinds(text, known_names=["South Wales Police"])
    assert ("name", "Dr Helen Morgan") in found
    assert ("name", "Jane Hughes") in found
    assert all("Police" not in t for _, t in found)
    assert all("Adult A" not in t for _, t in found)


def test_a_name_in_the_organisation_list_is_not_a_person():
    assert kinds("Llamau Cymru offered support.", known_names=["Llamau Cymru"]) == []


def test_findings_across_pages_keep_their_page_numbers():
    findings = scan_pages([(1, "Nothing here."), (2, "Call 07700 900123 now.")])
    assert [(f.page, f.kind) for f in findings] == [(2, "phone")]
