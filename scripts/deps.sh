# Sourced by run.sh, test.sh, fuzz.sh and bench.sh: installs the Debian/Ubuntu packages the project needs,
# only those missing, with sudo when not root.

FATORA_BUILD_PACKAGES=(cmake ninja-build ccache g++ qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
    postgresql libqt6sql6-psql libpq-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-httpserver-dev qt6-websockets-dev
    qtkeychain-qt6-dev libqt6svg6 qt6-qpa-plugins libgl-dev fonts-noto-core libqrencode-dev pkg-config
    clang libclang-rt-dev)
FATORA_SCREEN_PACKAGES=(xvfb xauth imagemagick)

fatora_ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing packages: ${missing[*]}; this script installs them only on Debian/Ubuntu (apt-get)." >&2
        return 1
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "Need root or sudo to install: ${missing[*]}" >&2; return 1; }
        sudo=(sudo)
    fi
    echo "Installing: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # With recommends, as the machines this was verified on: libqt6gui6 only recommends the xcb
    # platform plugin (qt6-qpa-plugins) that a desktop session needs.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}
