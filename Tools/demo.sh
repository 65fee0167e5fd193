#!/usr/bin/env bash
# The Touchbase demo: two devices (a laptop and a desktop) share a folder, make edits offline —
# one of them conflicting — sync, see the conflict, resolve it, sync again and print identical state.
# Everything happens in a temporary directory; nothing of yours is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/setup.sh
swift build --product touchbase >&2
TB="$(swift build --show-bin-path)/touchbase"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
folder="$work/shared-folder"
mkdir -p "$folder"
export TZ=UTC
laptop()  { echo "+ laptop\$ touchbase $*"  >&2; "$TB" "$@" --home "$work/laptop"; }
desktop() { echo "+ desktop\$ touchbase $*" >&2; "$TB" "$@" --home "$work/desktop"; }
step() { printf '\n== %s\n' "$*"; }

step "Two devices, one shared folder (Syncthing, Dropbox, NFS or a USB stick would replicate it)"
laptop init --name laptop --folder "$folder"
desktop init --name desktop --folder "$folder"

step "On the laptop: a hub, two people, a reason to reach out, and one new touch"
laptop hub add "Product Leaders Meetup" --kind meetup --schedule "first Tuesday"
laptop contact add "Ada Lovelace" --org "Analytical Engines" --role "CTO" --email ada@engines.example \
  --voter swing --stage want --ask "intro to their platform team" --offer "my notes on hiring loops" \
  --hub "Product Leaders Meetup" --tag mentors
laptop contact add "Grace Hopper" --org "Compilers Inc" --voter set --stage docket --tag peers
laptop reason add "I wrote a post on debugging distributed systems" --url https://example.com/post
laptop touch "Grace Hopper" --reason "Curious about your thoughts on compiler careers"
laptop sync

step "The desktop syncs and sees everything"
desktop sync
desktop contact list

step "Offline, both devices edit Ada's stage: a conflict"
laptop contact edit "Ada Lovelace" --stage docket
desktop contact edit "Ada Lovelace" --stage pending --notes "met at the meetup"
laptop sync
desktop sync
laptop sync

step "Both devices show the same conflict"
laptop conflicts
desktop conflicts

step "Resolve it on the laptop (keep 'docket'), then sync both"
laptop resolve 1 --value docket
laptop sync
desktop sync

step "Identical state on both devices"
laptop contact show "Ada Lovelace"
a="$(laptop contact list --json)"; b="$(desktop contact list --json)"
if [ "$a" = "$b" ]; then echo "laptop and desktop agree: $(echo "$a" | grep -c '"id"') contacts, no open conflicts"; else echo "MISMATCH" >&2; diff <(echo "$a") <(echo "$b") >&2; exit 1; fi
laptop conflicts
step "Today's plan on the desktop"
desktop today
