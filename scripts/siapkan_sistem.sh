#!/usr/bin/env bash
# Check (and, where we are root on Debian/Ubuntu, install) the system libraries that
# WeasyPrint needs to render the PDF: Pango and its FreeType backend. Everything else
# comes from PyPI into .venv. Conda users get Pango from conda-forge instead.
set -euo pipefail

perlu=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

ada_pango() {
    ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' && ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so'
}

if ada_pango; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang pustaka sistem untuk WeasyPrint: ${perlu[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${perlu[@]}" >/dev/null
    ada_pango && exit 0
fi

cat >&2 <<PESAN
Pustaka Pango untuk WeasyPrint (pembuat PDF) belum terpasang.
Pasang dengan:   sudo apt-get install ${perlu[*]}
atau gunakan conda:   conda env create -f environment.yml
PESAN
exit 1
