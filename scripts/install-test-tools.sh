#!/usr/bin/env bash
# What the tests need beyond Java, Maven and npm, installed from Debian's packages when missing (saying
# what it installs): as root, or through sudo. Prints the versions it found.
set -euo pipefail

missing=()
command -v npm >/dev/null || missing+=(npm)
command -v mvn >/dev/null || missing+=(maven)
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
# the dashboard's browser tests: Debian's Chromium and its driver (Selenium never downloads one)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
# the local run's test reads the listening sockets with ss
command -v ss >/dev/null || missing+=(iproute2)
# the deployment checks: kubectl kustomize renders k8s/, docker-compose config validates the compose files
command -v kubectl >/dev/null || missing+=(kubernetes-client)
command -v docker-compose >/dev/null || missing+=(docker-compose)
# the alert rules' unit tests (deploy-tests AlertRulesTest): Prometheus' promtool; nothing runs
command -v promtool >/dev/null || missing+=(prometheus)
# the PyTorch reference module's test (generator-service ReferenceModuleTest): Debian's PyTorch
/usr/bin/python3 -c "import torch" 2>/dev/null || missing+=(python3-torch)

if ((${#missing[@]})); then
  echo "the tests need: ${missing[*]} (Debian packages); installing them"
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "cannot install as $(id -un) (not root, no password-less sudo): run as root, or" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=900 "${missing[@]}"
fi

java -version 2>&1 | sed -n 1p
mvn -v | sed -n 1p   # sed reads to the end: head would break the pipe under pipefail
kubectl version --client 2>&1 | sed -n 1,2p
docker-compose version --short
promtool --version 2>&1 | sed -n 1p
/usr/bin/python3 -c "import torch; print('PyTorch', torch.__version__)"
