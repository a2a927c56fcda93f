# Sourced by the benchmarks that run Python beside the project (bench/compare-models.sh: Surprise, implicit, numpy
# EASE; bench/serving-topn.sh: ../shared/reference/factor_scoring.py, numpy with OpenBLAS): their virtual environment,
# $MOVIEREC_HOME/surprise-venv, from the pinned bench/requirements-surprise.txt; needs log and die.

MOVIEREC_HOME=${MOVIEREC_HOME:-$HOME/.local/share/movierec}
venv=$MOVIEREC_HOME/surprise-venv

# ensure_python_venv: (re)installs the venv when missing or when the pinned requirements changed (their sha256 is
# kept in it)
ensure_python_venv() {
  local requirements=bench/requirements-surprise.txt wanted started
  wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$wanted" ]; then
    python3 -c 'import venv, ensurepip' 2>/dev/null \
      || die "python3 has no venv/ensurepip module: install python3-venv (apt-get install python3-venv)"
    log "installing Surprise, implicit and numpy into $venv ($requirements)"
    started=$SECONDS
    rm -rf "$venv"
    mkdir -p "$MOVIEREC_HOME"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" \
      || die "pip could not install $requirements into $venv"
    echo "$wanted" > "$venv/.requirements.sha256"
    log "installed scikit-surprise $("$venv/bin/python" -c 'import surprise; print(surprise.__version__)') in $((SECONDS - started)) s"
  fi
}
