# Shared by scripts/setup-and-run and scripts/test. Sourced, not run.
# shellcheck shell=bash

KMP_BENCH=${KMP_BENCH:-$HOME/frappe-bench}
case $KMP_BENCH in /*) ;; *) KMP_BENCH=$PWD/$KMP_BENCH ;; esac
KMP_SITE=${KMP_SITE:-kmp.localhost}
KMP_TEST_SITE=${KMP_TEST_SITE:-kmp-test.localhost}
KMP_FRAPPE_REPO=${KMP_FRAPPE_REPO:-https://github.com/frappe/frappe}
KMP_ERPNEXT_REPO=${KMP_ERPNEXT_REPO:-https://github.com/frappe/erpnext}
KMP_BRANCH=${KMP_BRANCH:-version-15}
# Local paths are made absolute: as root, bench init runs from another directory.
if [ -d "$KMP_FRAPPE_REPO" ]; then KMP_FRAPPE_REPO=$(cd "$KMP_FRAPPE_REPO" && pwd); fi
if [ -d "$KMP_ERPNEXT_REPO" ]; then KMP_ERPNEXT_REPO=$(cd "$KMP_ERPNEXT_REPO" && pwd); fi
KMP_DB_HOST=${KMP_DB_HOST:-127.0.0.1}
KMP_REDIS_URL=${KMP_REDIS_URL:-redis://127.0.0.1:6379}
KMP_ADMIN_PASSWORD=${KMP_ADMIN_PASSWORD:-admin}
APP=koperasi_merah_putih

say() { printf '\n== %s ==\n' "$*"; }
die() {
	printf '\nERROR: %s\n' "$*" >&2
	exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }

# Puts the directory $1 first on PATH (moving it there when PATH has it further on).
path_prepend() {
	[ -d "$1" ] || return 0
	local rest=":$PATH:"
	rest=${rest//":$1:"/:}
	rest=${rest#:}
	rest=${rest%:}
	export PATH="$1${rest:+:$rest}"
}

apt_install() { # package, why
	echo "installing $1: $2"
	if [ -z "${KMP_APT_UPDATED:-}" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
		KMP_APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null || die "apt-get install $1 failed"
}

# need_command COMMAND DEBIAN-PACKAGE WHY: when COMMAND is missing, installs the package with apt-get
# as root, and otherwise stops, naming what is missing and the command that installs it.
need_command() {
	local cmd=$1 pkg=$2 why=$3
	command -v "$cmd" >/dev/null && return 0
	if is_root && command -v apt-get >/dev/null; then
		apt_install "$pkg" "$why"
		command -v "$cmd" >/dev/null || die "$cmd is still missing after apt-get install $pkg"
	else
		die "$cmd is missing ($why); install it with: sudo apt-get install $pkg"
	fi
}

ensure_unit_test_tools() {
	if ! python3 -c "import pytest, hypothesis, num2words, numpy_financial" 2>/dev/null; then
		echo "installing pytest, hypothesis and num2words for the unit tests"
		python3 -m pip install --quiet pytest hypothesis num2words numpy-financial || die "could not install pytest/hypothesis/num2words"
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
	if ! (cd "$KMP_BENCH" && bench new-site "$site" --admin-password "$KMP_ADMIN_PASSWORD" \
		--db-host "$KMP_DB_HOST" --db-root-username "$DB_ROOT_USER" --db-root-password "$DB_ROOT_PASSWORD" \
		"${install[@]}"); then
		# A half-installed site cannot take `install-app` again (duplicate records), so the next run
		# creates it anew instead.
		echo "dropping the half-made site $site so that the next run creates it anew"
		(cd "$KMP_BENCH" && bench drop-site "$site" --db-root-username "$DB_ROOT_USER" \
			--db-root-password "$DB_ROOT_PASSWORD" --no-backup --force) >/dev/null 2>&1 ||
			echo "could not drop $site; drop it by hand: bench drop-site $site --force --no-backup"
		die "bench new-site $site failed"
	fi
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

# yarn 1.x: bench runs `yarn install` in each app, and yarn 2+ (the registry's newest) does not fit.
ensure_yarn() {
	local found
	found=$(yarn --version 2>/dev/null || true)
	case $found in 1.*) return 0 ;; esac
	# Installed for this user by an earlier run (below)?
	case $("$HOME/.local/bin/yarn" --version 2>/dev/null) in 1.*)
		path_prepend "$HOME/.local/bin"
		return 0
		;;
	esac
	need_command npm npm "installs yarn, which bench needs"
	echo "installing yarn 1.22.22 with npm: bench installs the apps' JavaScript packages with yarn 1.x${found:+ (found yarn $found)}"
	local prefix
	prefix=$(npm prefix -g)
	if is_root || { [ -w "$prefix/lib" ] && [ -w "$prefix/bin" ]; }; then
		npm install -g --silent yarn@1.22.22 >/dev/null || die "could not install yarn 1.22 (npm install -g yarn@1.22.22)"
		# Put only yarn ahead on PATH: npm's prefix may be /usr, and /usr/bin first would swap the python3
		# this script chose (a pyenv one, say) for the system's.
		mkdir -p "$HOME/.local/share/kmp-bin"
		ln -sf "$prefix/bin/yarn" "$HOME/.local/share/kmp-bin/yarn"
		path_prepend "$HOME/.local/share/kmp-bin"
	else
		# npm's global folder belongs to root: install into ~/.local for this user.
		npm install -g --silent --prefix "$HOME/.local" yarn@1.22.22 >/dev/null ||
			die "could not install yarn 1.22 (npm install -g --prefix ~/.local yarn@1.22.22)"
		path_prepend "$HOME/.local/bin"
	fi
	found=$(yarn --version 2>/dev/null || true)
	case $found in 1.*) ;; *) die "yarn 1.x is installed but $(command -v yarn) (${found:-no version}) comes first on PATH" ;; esac
}

# The bench CLI (PyPI: frappe-bench), installed with python3's pip, or, where the system manages that
# Python (PEP 668, as Debian's python3), into a virtualenv of its own at ~/.local/share/kmp-bench-cli.
ensure_bench_cli() {
	command -v bench >/dev/null && return 0
	local venv="$HOME/.local/share/kmp-bench-cli" scripts user_scripts log
	scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
	user_scripts=$(python3 -c 'import os, sysconfig; print(sysconfig.get_path("scripts", os.name + "_user"))')
	for dir in "$user_scripts" "$HOME/.local/bin" "$HOME/.pyenv/shims" "$scripts" "$venv/bin"; do
		[ -x "$dir/bench" ] && path_prepend "$dir" && return 0
	done
	echo "installing frappe-bench from PyPI: the bench CLI creates the bench and its sites and runs the Frappe tests"
	log=$(mktemp)
	if python3 -m pip install --quiet frappe-bench 2>"$log"; then
		path_prepend "$user_scripts"
		path_prepend "$scripts"
	elif grep -q externally-managed "$log"; then
		echo "python3 is managed by the system: installing frappe-bench into $venv instead"
		python3 -m venv "$venv" || die "could not create $venv (is python3-venv installed? sudo apt-get install python3-venv)"
		"$venv/bin/python" -m pip install --quiet frappe-bench || die "could not install frappe-bench into $venv"
		path_prepend "$venv/bin"
	else
		cat "$log" >&2
		die "could not install frappe-bench (python3 -m pip install frappe-bench)"
	fi
	rm -f "$log"
	command -v bench >/dev/null || die "frappe-bench is installed but bench is not on PATH (add $scripts or $user_scripts to PATH)"
}

# As root, bench refuses to run unless sites/common_site_config.json under the current directory names
# frappe_user root. bench init writes frappe_user (the user running it); this adds it where missing.
ensure_root_frappe_user() {
	is_root || return 0
	local conf="$KMP_BENCH/sites/common_site_config.json"
	[ -f "$conf" ] || return 0
	python3 - "$conf" <<'PY' || die "could not set frappe_user in $conf"
import json, sys

path = sys.argv[1]
with open(path) as f:
	conf = json.load(f)
if not conf.get("frappe_user"):
	conf["frappe_user"] = "root"
	with open(path, "w") as f:
		json.dump(conf, f, indent=1, sort_keys=True)
	print(f"set frappe_user root in {path} (bench refuses root otherwise)")
PY
}

# `bench init` into $KMP_BENCH. As root, bench reads frappe_user from sites/common_site_config.json under
# the CURRENT directory even for init and refuses root without it, so init runs from a scratch directory
# with one that says root.
bench_init() {
	local dir=$PWD scratch="" python status=0
	if is_root; then
		scratch=$(mktemp -d)
		mkdir -p "$scratch/sites"
		printf '{"frappe_user": "root"}\n' >"$scratch/sites/common_site_config.json"
		echo "running as root: bench init runs from $scratch, whose sites/common_site_config.json says frappe_user root"
		dir=$scratch
	fi
	# The interpreter itself, not a virtualenv's (such as the bench CLI's own) that the bench env would hang on.
	python=$(python3 -c 'import sys; print(getattr(sys, "_base_executable", sys.executable))')
	(cd "$dir" && bench init --frappe-branch "$KMP_BRANCH" --frappe-path "$KMP_FRAPPE_REPO" \
		--skip-redis-config-generation --no-procfile --python "$python" "$KMP_BENCH" </dev/null) || status=$?
	if [ -n "$scratch" ]; then rm -rf "$scratch"; fi
	return "$status"
}

# setuptools below 81 in the bench's env: ERPNext's pycountry 22.x imports pkg_resources, which
# setuptools 81 removed, and a new env is seeded with the newest setuptools.
ensure_env_setuptools() {
	local version
	version=$("$KMP_BENCH/env/bin/python" -c "import setuptools; print(setuptools.__version__)" 2>/dev/null || echo none)
	case $version in
	[0-9].* | [0-7][0-9].* | 80.*) return 0 ;;
	esac
	echo "installing setuptools<81 into the bench's env (found: $version): ERPNext's pycountry imports pkg_resources, which setuptools 81 removed"
	"$KMP_BENCH/env/bin/python" -m pip install --quiet "setuptools<81" ||
		die "could not install setuptools<81 into $KMP_BENCH/env"
}
