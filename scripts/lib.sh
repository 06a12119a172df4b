# Shared by scripts/setup-and-run and scripts/test. Sourced, not run.

KMP_BENCH=${KMP_BENCH:-$HOME/frappe-bench}
KMP_SITE=${KMP_SITE:-kmp.localhost}
KMP_TEST_SITE=${KMP_TEST_SITE:-kmp-test.localhost}
KMP_FRAPPE_REPO=${KMP_FRAPPE_REPO:-https://github.com/frappe/frappe}
KMP_ERPNEXT_REPO=${KMP_ERPNEXT_REPO:-https://github.com/frappe/erpnext}
KMP_BRANCH=${KMP_BRANCH:-version-15}
KMP_DB_HOST=${KMP_DB_HOST:-127.0.0.1}
KMP_REDIS_URL=${KMP_REDIS_URL:-redis://127.0.0.1:6379}
KMP_ADMIN_PASSWORD=${KMP_ADMIN_PASSWORD:-admin}
APP=koperasi_merah_putih

say() { printf '\n== %s ==\n' "$*"; }
die() {
	printf '\nERROR: %s\n' "$*" >&2
	exit 1
}

ensure_unit_test_tools() {
	if ! python3 -c "import pytest, hypothesis, num2words" 2>/dev/null; then
		echo "installing pytest, hypothesis and num2words for the unit tests"
		python3 -m pip install --quiet pytest hypothesis num2words || die "could not install pytest/hypothesis/num2words"
	fi
}


# Database admin credentials for `bench new-site`, which prompts when the password is empty and CI has
# no stdin. Uses KMP_DB_ROOT_USER/KMP_DB_ROOT_PASSWORD when given; otherwise, when the local root logs
# in through the socket without a password (the machine's default), creates a local admin user
# `kmp_admin` with a generated password kept in $KMP_BENCH/.kmp_db_admin.
db_root_credentials() {
	if [ -n "${KMP_DB_ROOT_PASSWORD:-}" ]; then
		DB_ROOT_USER=${KMP_DB_ROOT_USER:-root}
		DB_ROOT_PASSWORD=$KMP_DB_ROOT_PASSWORD
		return
	fi
	local store="$KMP_BENCH/.kmp_db_admin"
	if [ -f "$store" ]; then
		DB_ROOT_USER=kmp_admin
		DB_ROOT_PASSWORD=$(cat "$store")
		if mysql -h "$KMP_DB_HOST" -u "$DB_ROOT_USER" -p"$DB_ROOT_PASSWORD" -e "select 1" >/dev/null 2>&1; then
			return
		fi
	fi
	command -v mysql >/dev/null || die "the mysql client is missing (apt-get install mariadb-client)"
	mysql -u root -e "select 1" >/dev/null 2>&1 || die "cannot log in to MariaDB as root without a password; set KMP_DB_ROOT_USER and KMP_DB_ROOT_PASSWORD"
	DB_ROOT_USER=kmp_admin
	DB_ROOT_PASSWORD=$(python3 -c "import secrets; print(secrets.token_hex(12))")
	mysql -u root <<SQL || die "could not create the MariaDB admin user kmp_admin"
CREATE USER IF NOT EXISTS 'kmp_admin'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
CREATE USER IF NOT EXISTS 'kmp_admin'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
ALTER USER 'kmp_admin'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
ALTER USER 'kmp_admin'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'kmp_admin'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'kmp_admin'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
	mkdir -p "$KMP_BENCH"
	(umask 077 && printf '%s' "$DB_ROOT_PASSWORD" >"$store")
}

site_exists() { [ -f "$KMP_BENCH/sites/$1/site_config.json" ]; }

app_installed_on() {
	(cd "$KMP_BENCH" && bench --site "$1" list-apps 2>/dev/null) | grep -q "^$APP"
}

new_site() { # site, apps...
	local site=$1
	shift
	db_root_credentials
	local install=()
	for app in "$@"; do install+=(--install-app "$app"); done
	(cd "$KMP_BENCH" && bench new-site "$site" --admin-password "$KMP_ADMIN_PASSWORD" \
		--db-host "$KMP_DB_HOST" --db-root-username "$DB_ROOT_USER" --db-root-password "$DB_ROOT_PASSWORD" \
		"${install[@]}") || die "bench new-site $site failed"
}

# Point the bench's copy of the app at $1 (a checkout), installed editable in the bench's env.
link_app() {
	local source=$1
	local target="$KMP_BENCH/apps/$APP"
	if [ -L "$target" ] || [ ! -e "$target" ]; then
		ln -sfn "$source" "$target"
	else
		die "$target is a real directory, not a link; move it away or set KMP_BENCH to another bench"
	fi
	"$KMP_BENCH/env/bin/python" -m pip install --quiet --no-deps -e "$target" >/dev/null ||
		die "pip install -e $target failed"
	"$KMP_BENCH/env/bin/python" -m pip install --quiet "num2words>=0.5.12" hypothesis >/dev/null ||
		die "could not install the app's Python dependencies into the bench"
	grep -qx "$APP" "$KMP_BENCH/sites/apps.txt" || printf '\n%s' "$APP" >>"$KMP_BENCH/sites/apps.txt"
	sed -i '/^$/d' "$KMP_BENCH/sites/apps.txt"
}

run_frappe_layer() {
	local target="$KMP_BENCH/apps/$APP" previous=""
	[ -L "$target" ] && previous=$(readlink "$target")
	if [ "$previous" != "$REPO" ]; then
		echo "pointing $target at this checkout ($REPO) for the run${previous:+; will restore $previous}"
		# shellcheck disable=SC2064
		trap "restore_app_link '$previous'" EXIT
	fi
	link_app "$REPO"
	local imported
	imported=$("$KMP_BENCH/env/bin/python" -c "import $APP, os; print(os.path.dirname(os.path.dirname(os.path.realpath($APP.__file__))))")
	[ "$imported" = "$(realpath "$REPO")" ] || die "the bench imports $APP from $imported, not from $REPO"

	if ! site_exists "$KMP_TEST_SITE"; then
		say "creating test site $KMP_TEST_SITE (ERPNext + $APP); this takes several minutes"
		new_site "$KMP_TEST_SITE" erpnext "$APP"
	elif ! app_installed_on "$KMP_TEST_SITE"; then
		(cd "$KMP_BENCH" && bench --site "$KMP_TEST_SITE" install-app "$APP") || return 1
	else
		(cd "$KMP_BENCH" && bench --site "$KMP_TEST_SITE" migrate) || return 1
	fi
	(cd "$KMP_BENCH" && bench --site "$KMP_TEST_SITE" set-config allow_tests true >/dev/null)
	(cd "$KMP_BENCH" && CI=1 bench --site "$KMP_TEST_SITE" run-tests --app "$APP")
}

restore_app_link() {
	local previous=$1
	if [ -n "$previous" ] && [ -e "$previous" ]; then
		echo "restoring $KMP_BENCH/apps/$APP -> $previous"
		ln -sfn "$previous" "$KMP_BENCH/apps/$APP"
		"$KMP_BENCH/env/bin/python" -m pip install --quiet --no-deps -e "$KMP_BENCH/apps/$APP" >/dev/null || true
	fi
}

ensure_bench_cli() {
	if ! command -v bench >/dev/null; then
		for dir in "$HOME/.local/bin" "$HOME/.pyenv/shims"; do
			[ -x "$dir/bench" ] && export PATH="$dir:$PATH" && return
		done
		echo "installing the bench CLI (frappe-bench) from PyPI"
		python3 -m pip install --quiet frappe-bench || die "could not install frappe-bench"
	fi
}
