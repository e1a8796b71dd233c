"""Settings for benchmark runs only: the product's settings plus a hello-world baseline page.

The baseline lives here, not in the product, so the live site never grows a test page.
"""

from vawdasv.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
# Every benchmark request is anonymous and read-only; login throttling plays no part in it.
AXES_ENABLED = False
# No task worker runs beside the benchmark server: tasks run at once, and /healthz (which the
# harness polls until it answers 200) does not wait for a worker's heartbeat.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The signed-in readers the benchmarks make (a national observer, an administrator) have no
# authenticator app; with two-factor enforced every page they ask for would be a redirect to
# its set-up page, and the suites would time that redirect instead of the page.
TWO_FACTOR_ENFORCED = False
