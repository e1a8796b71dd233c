#!/usr/bin/env bash
# Fail if an interface string is missing from the Welsh catalogue or left untranslated.
set -euo pipefail
cd "$(dirname "$0")/../vawdasv"
before=$(mktemp)
cp locale/cy/LC_MESSAGES/django.po "$before"
../.venv/bin/vawdasv makemessages -l cy --no-location --no-obsolete --ignore=node_modules -v 0
status=0
if ! diff -q <(grep -v '^"POT-Creation-Date' "$before") <(grep -v '^"POT-Creation-Date' locale/cy/LC_MESSAGES/django.po) >/dev/null; then
  echo "The Welsh catalogue is out of date: run 'vawdasv makemessages -l cy --no-location --no-obsolete' in vawdasv/ and translate the new strings." >&2
  status=1
fi
untranslated=$(msgattrib --untranslated --no-obsolete locale/cy/LC_MESSAGES/django.po | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete locale/cy/LC_MESSAGES/django.po | grep -c '^msgid ' || true)
# msgattrib prints the header entry as one msgid when anything is listed.
if [ "$untranslated" -gt 1 ] || [ "$fuzzy" -gt 1 ]; then
  echo "Welsh catalogue: $((untranslated > 0 ? untranslated - 1 : 0)) untranslated and $((fuzzy > 0 ? fuzzy - 1 : 0)) fuzzy strings." >&2
  status=1
fi
rm -f "$before"
exit $status
