#!/usr/bin/env bash
# Installs the Debian packages briefbook needs, if any are missing.
#   scripts/install-system-deps.sh book   TeX Live (xelatex, latexmk, xindy), fonts, poppler-utils
#   scripts/install-system-deps.sh test   the same, plus Chromium for the browser tests
# As root it runs apt-get; otherwise it prints the exact command to run and stops.
set -euo pipefail

what="${1:-book}"
packages=(
  texlive-xetex              # xelatex, the PDF engine (fontspec, Unicode)
  texlive-latex-recommended  # Sphinx's LaTeX support packages
  texlive-latex-extra        # more of Sphinx's packages, and truncate and newunicodechar
  texlive-pictures           # TikZ, which draws the figures (timeline, actor chart) in the PDF
  texlive-fonts-recommended
  texlive-lang-cyrillic      # Cyrillic support for Russian names and quotes
  latexmk                    # runs xelatex and the index as often as needed
  xindy                      # Sphinx's index processor for xelatex
  fonts-freefont-otf         # FreeSerif/FreeSans/FreeMono: Latin and Cyrillic in one family
  poppler-utils              # pdftotext, pdftoppm: tests read the PDF
  make
)
if [[ "$what" == "test" ]]; then
  packages+=(chromium)       # headless browser for the layout tests (driven by Playwright)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [[ "$(id -u)" != 0 ]]; then
  echo "briefbook needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root, then run make again:" >&2
  echo "  sudo sh -c '$command'" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
