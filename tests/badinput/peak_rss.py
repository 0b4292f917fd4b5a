"""Run the StyleRec CLI and report this process's peak resident memory on stderr.

Linux's VmHWM belongs to the process image (it starts afresh at exec), while ru_maxrss
carries over the parent's size from the fork, so VmHWM is what is measured where it exists.
"""

import resource
import sys

from stylerec_app.cli import main


def peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":  # imports start a helper process that re-imports this file
    try:
        code = main(sys.argv[1:])
    finally:
        print(f"PEAK_RSS_MB {peak_mb():.1f}", file=sys.stderr)
    sys.exit(code)
