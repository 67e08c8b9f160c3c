# threadline의 메시지 카탈로그: 한국어.
#
# en.ftl과 같은 id, 같은 인자를 씁니다 (테스트가 확인합니다). 인자 바로 뒤에
# 조사(이/가, 을/를)를 붙이지 않도록 문장을 짰습니다: 인자가 어떤 글자로
# 끝날지 모르기 때문입니다. 소수가 있는 수($at, $dur, ...)는 코드에서 형식을
# 맞춰 넘깁니다.

## 개수

seconds = { $t }초
n-threads = 스레드 { $n }개
and-more = { $shown } 외 { $more }개

## 스레드 상태와 끝 (src/look.rs): 상태 열과 요약에 쓰는 이름, 범례에 쓰는 뜻

state-running = 실행 중
state-running-meaning = 코드를 실행하는 중 (GIL이 켜져 있으면 GIL을 쥐고 있음)
state-sleeping = 수면 중
state-sleeping-meaning = time.sleep이나 블로킹 I/O에서 기다리는 중이며, GIL은 내려놓음
state-waiting-gil = GIL 대기
state-waiting-gil-meaning = 실행할 준비가 되었지만 다른 스레드가 GIL을 쥐고 있음
state-joining = 조인 대기
state-joining-meaning = 다른 스레드가 끝날 때까지 join()에서 블록됨
state-waiting-lock = 락 대기
state-waiting-lock-meaning = 다른 스레드가 가진 락(Lock, RLock, Semaphore)을 얻으려다 블록됨
state-waiting-cpu = CPU 대기
state-waiting-cpu-meaning = 실행할 준비가 되었지만 CPU 코어가 모두 바쁨 (GIL 없음, 코어보다 스레드가 많음)
state-waiting-exit = 종료 대기
state-waiting-exit-meaning = main의 코드는 끝났고, 인터프리터가 데몬이 아닌 스레드를 기다림
end-exited = 종료됨
end-exited-code = 종료됨 (종료 코드 { $code })
end-finished = 완료
end-finished-meaning = run()이 반환됨
end-cut-short = 중단됨
end-cut-short-meaning = 프로세스가 종료되는 순간, 데몬 스레드가 하던 일을 마치지 못하고 멈춤
end-failed = 실패
end-failed-meaning = run()에서 예외가 빠져나왔거나 프로세스가 죽음
not-started = 시작 전

## 모든 행을 가로지르는 표시

marker-code-end = main 코드 끝
marker-exit = 프로세스 종료
marker-both = main 코드 끝, 프로세스 종료

## 대시보드의 머리줄

header-daemon-on = 데몬 켬
header-daemon-off = 데몬 끔
header-daemon-mixed = 데몬 섞임
header-gil-on = 파이썬 { $python } · GIL
header-gil-off-cores = 파이썬 { $python } · GIL 없음 (코어 { $n }개)
header-real-time = 실제 시간
header-running = 실행 중
header-paused = 일시 정지
header-intro = 소개
header-caption-hold = 설명을 읽는 시간
header-finished = 실행 끝
header-seed = 시드 { $seed }
header-dropped = 이벤트 { $n }개 유실
header-help = ? 도움말

## 타임라인과 창

col-thread = 스레드
col-state = 상태
timeline-more = ↓ { $n }개 더
timeline-above = ↑ { $n }개 더
scroll-above = ↑ { $n }줄 더
scroll-earlier = ↑ 이전 { $n }줄 (o: 읽기, ↑ PgUp Home)
scroll-earlier-dropped = ↑ 이전 { $n }줄, 그보다 오래된 { $dropped }줄은 보관하지 않음 (o: 읽기, ↑ PgUp Home)
scroll-later = ↓ 이후 { $n }줄 (End: 최신)
scroll-below = ↓ { $n }줄 더 (PgDn)
lane-gil = GIL
lane-held = { $name } 보유
lane-free = 비어 있음
pane-output = 출력
pane-explain = 지금 일어나는 일
output-empty = (아직 출력 없음)
too-small = threadline에는 { $min_w }×{ $min_h } 이상의 터미널이 필요합니다 (지금은 { $w }×{ $h }). q를 누르면 끝납니다

## 키 (src/ui/keymap.rs): 아래줄에 쓰는 짧은 말, 도움말에 쓰는 설명

key-quit = 종료
key-quit-help = 끝냅니다. 실행 중인 모든 스레드(또는 추적 중인 프로그램)를 멈춥니다
key-interrupt-help = 추적 중인 프로그램을 인터럽트합니다 (threadline 없이 실행할 때처럼 KeyboardInterrupt). 그 밖에는 끝냅니다
key-pause = 일시 정지
key-pause-help = 일시 정지 / 계속: 프로그램의 스레드 자체를 멈춥니다
key-step = 한 단계
key-step-help = 한 단계 실행: 일시 정지한 뒤, 어떤 스레드가 다음으로 움직이는 순간까지 실행합니다
key-restart = 다시 시작
key-restart-help = 처음부터 다시 실행합니다 (--seed를 주었다면 같은 시드로)
key-daemon = 데몬
key-daemon-help = 모든 작업 스레드의 데몬 모드를 켜거나 끄고, 다시 시작합니다
key-gil = GIL
key-gil-help = 시뮬레이션하는 GIL을 켜거나 끄고 (끄면 free-threaded 빌드), 다시 시작합니다
key-select = 선택
key-select-help = 스레드를 고릅니다 (오른쪽에 그 스레드의 기록이 나옵니다)
key-pan = 이동
key-pan-help = 시간 축을 옆으로 옮깁니다
key-zoom = 확대
key-zoom-help = 시간 축을 확대 / 축소합니다
key-follow = 따라가기/전체
key-follow-help = 현재 시점을 따라가거나, 실행 전체를 화면에 맞춥니다
key-speed = 속도
key-speed-help = 느리게 / 빠르게 (시간 축은 계속 프로그램 시간을 초 단위로 보여 줍니다)
key-scenario = 시나리오
key-scenario-help = 다음 시나리오, 또는 1~9번 시나리오
key-split = 나눠 보기
key-split-help = 화면을 나눕니다: 위에는 이 실행, 아래에는 마지막으로 바꾼 변형(d, g, 인터프리터)을 되돌린 같은 시나리오가 같은 시계로 돕니다. 다시 누르면 하나로 돌아갑니다
key-pane = 창
key-pane-help = 화살표와 페이지 키가 적용될 창을 차례로 바꿉니다: 타임라인(나눠 보기라면 각각), 출력, 설명
key-page-help = 한 페이지 위나 아래로, 처음이나 끝으로: 스레드 목록(main은 맨 위에 고정), 읽고 있는 창, 또는 이 도움말
key-mouse = 마우스
key-mouse-off = 마우스: 꺼짐
key-mouse-help = 마우스: 잡기(클릭, 휠) 또는 터미널에 돌려주기(글을 선택해 복사). 잡은 동안에도 대부분의 터미널에서 Shift-드래그로 선택됩니다
key-help = 도움말
key-help-help = 이 도움말을 보이거나 숨깁니다

## 도움말 창

help-title = 도움말 · ?로 닫기
help-keys = 키
help-mouse-key = 마우스
help-mouse = 차트 위에서 휠을 굴리면 확대/축소, 이름과 창 위에서는 스크롤, 클릭하면 선택. m을 누르면 마우스를 터미널에 돌려줍니다
help-glyphs = 기호의 뜻
help-daemon = 데몬 스레드
help-process = 자식 프로세스 (이름 옆에 pid)
help-deadlock = 교착 상태 (서로를 영원히 기다림)
help-truth = threadline은 CPython이 실제로 하는 대로 보여 줍니다: 데몬 스레드는 프로세스가 종료될 때 중단되므로, 끝 줄을 출력하지 못합니다.

## "지금 일어나는 일" (src/ui/narrate.rs)

narrate-starting = 프로그램을 시작하는 중…
narrate-exited = 프로세스가 { $at }초에 종료되었습니다 (종료 코드 { $code }).
narrate-os-exit-at = `{ $name }` 스레드가 { $site }에서 os._exit를 호출했습니다: 다른 스레드가 무엇을 하고 있든 프로세스는 그 즉시 끝났습니다.
narrate-os-exit = `{ $name }` 스레드가 os._exit를 호출했습니다: 다른 스레드가 무엇을 하고 있든 프로세스는 그 즉시 끝났습니다.
narrate-cut-ended = 스레드 { $n }개({ $names })가 그 순간 중단되었습니다: threadline이 프로세스를 끝냈습니다.
narrate-cut-exit = 스레드 { $n }개({ $names })가 그 순간 중단되었습니다: 실행 중에 프로세스가 끝났습니다.
narrate-cut-daemons = 데몬 스레드 { $n }개({ $names })가 그 순간 중단되었습니다.
narrate-cut = 데몬 스레드 { $n }개({ $names })가 그 순간 중단되었으므로, 끝 줄은 출력되지 않습니다.
narrate-done = 스레드 { $n }개는 프로세스가 종료되기 전에 완료되었습니다.
narrate-done-processes = 자식 프로세스 { $n }개는 프로세스가 종료되기 전에 완료되었습니다.
narrate-waits-for = main의 코드는 끝났습니다. 인터프리터는 프로세스를 종료하기 전에 데몬이 아닌 스레드 { $n }개({ $names })를 기다립니다.
narrate-exits-now = main의 코드가 끝났고 데몬이 아닌 스레드가 남아 있지 않으므로, 프로세스는 지금 종료됩니다.
narrate-daemons-left = 데몬 스레드 { $n }개가 아직 실행 중입니다. 데몬이 아닌 마지막 스레드가 끝나는 순간 중단됩니다.
narrate-main-joins = main은 join()에서 블록되어 있습니다. `{ $name }` 스레드가 끝날 때까지 기다리며, 그동안 자기 코드는 전혀 실행하지 않습니다.
narrate-main-runs = main이 코드를 실행하는 중입니다. 지금까지 스레드 { $n }개를 시작했습니다.
narrate-main-waits = main은 지금 자기 코드를 실행하지 않습니다({ $why }). 지금까지 스레드 { $n }개를 시작했습니다.
narrate-sleeping = 스레드 { $n }개가 time.sleep()에서 수면 중입니다. 수면 중인 스레드는 GIL을 내려놓습니다.
history-created = { $name }: { $at }초에 생성됨
history-created-daemon = { $name } (데몬): { $at }초에 생성됨
history-earlier = … 이전 구간 { $n }개
history-later = … 이후 구간 { $n }개
history-span = { $at }초  { $dur }초 동안 { $what }
history-end = { $at }초  { $what }
history-not-started = 아직 시작되지 않음 ({ $what })

## 숫자로 본 결과 (src/model/outcome.rs)

cpu-share = { $kind ->
    [gil] GIL이 있을 때 CPU 바운드 스레드 { $n }개는 스레드 하나일 때의 { $ratio }배 시간이 걸렸습니다 (스레드마다 { $each }초씩 일했고, 전체로는 { $wall }초). 동시에 실행된 스레드는 최대 { $at_once }개였습니다.
    [processes] CPU 바운드 프로세스 { $n }개는 프로세스 하나일 때의 { $ratio }배 시간이 걸렸습니다 (프로세스마다 { $each }초씩 일했고, 전체로는 { $wall }초). 프로세스마다 자기 GIL이 있지만 기계의 코어는 함께 쓰므로, 동시에 실행된 프로세스는 최대 { $at_once }개였습니다.
   *[no-gil] GIL이 없을 때 CPU 바운드 스레드 { $n }개는 스레드 하나일 때의 { $ratio }배 시간이 걸렸습니다 (스레드마다 { $each }초씩 일했고, 전체로는 { $wall }초). 동시에 실행된 스레드는 최대 { $at_once }개였습니다.
}
counter-more = `{ $name }`: 기댓값 { $expected }, 실제 값 { $value }: 만든 갱신보다 많습니다.
counter-kept = `{ $name }`: 기댓값 { $expected }, 실제 값 { $value }: 손실된 갱신이 없습니다.
counter-lost = `{ $name }`: 기댓값 { $expected }, 실제 값 { $value }: 경쟁 상태 때문에 갱신 { $lost }번이 손실되었습니다.
counter-missing = { $said } 갱신 { $missing }번은 아예 이루어지지 않았습니다 (그 스레드가 먼저 중간에 끊겼거나 실패했거나, 거기까지 가지 못했습니다): 경쟁 상태 때문에 손실된 것이 아닙니다.

## 일반 모드 요약 (src/plain.rs)과 그림 (src/export/svg.rs)

summary-thread = 스레드
summary-daemon = 데몬
summary-start = 시작
summary-end = 끝
summary-outcome = 결과
summary-yes = 예
summary-no = 아니오
summary-note = 참고: { $note }
process-exited = 프로세스가 { $at }초에 종료됨 (종료 코드 { $code })
process-ended = threadline이 프로세스를 { $at }초에 끝냄 (종료 코드 { $code })
process-not-exited = 프로세스가 아직 종료되지 않았음
trace-dropped = 추적기가 보낸 줄 { $n }개를 읽지 못해 버렸습니다
svg-still-running = 아직 실행 중
svg-daemon = { $name } (데몬)
svg-span = { $what }: { $from }–{ $to }초
svg-ghost-span = 종료가 없었다면 { $what }: { $from }–{ $to }초
svg-ghost-line = 출력했을 줄: { $line }
svg-ghost-legend = 종료로 못 한 일

## 우리 프로그램의 오류. 위치(file:line:col)는 코드가 앞에 붙입니다.

error-at = { $place }: { $what }
error-write-output = 출력 파일을 쓸 수 없습니다: { $error }
output-twice = { $path }: { $first }와(과) 같은 파일입니다. 출력마다 다른 파일을 주세요
output-not-file = { $path }: 일반 파일이 아닙니다 (장치, 파이프 또는 끊어진 링크): --force로도 덮어쓰지 않습니다
output-is-dir = { $path }: 디렉터리입니다 ({ $flag }에는 파일이 필요합니다)
output-exists = { $path }: 이미 있는 파일입니다. 덮어쓰려면 --force를 붙이세요
output-unwritable = { $path }: 쓸 수 없습니다 ({ $error })
replay-cannot-open = 열 수 없습니다: { $error }
replay-cannot-read = 읽을 수 없습니다: { $error }
replay-empty = 빈 파일입니다: threadline 기록 파일이 아닙니다
replay-bad-header = threadline 기록 파일의 머리줄이 아닙니다: { $error }
replay-bad-format = threadline 기록 파일이 아닙니다 (형식 `{ $format }`)
replay-bad-version = 지원하지 않는 형식 버전입니다: { $version } (이 threadline이 읽는 버전: { $supported })
replay-bad-event = 이벤트가 아닙니다: { $error }
replay-other-run = 실행 { $first }의 기록에 실행 { $run }의 이벤트가 섞여 있습니다
replay-out-of-order = 이벤트 순서가 틀렸습니다: 스레드 { $thread }의 시각이 { $prev } ns에서 { $at } ns로 거꾸로 갑니다
trace-no-command = 추적할 프로그램이 없습니다: `-- python3 script.py`처럼 주세요
trace-no-python = 파이썬 인터프리터를 실행할 수 없습니다 (`{ $python }`): { $error }
trace-cannot-start = 추적을 시작할 수 없습니다: { $error }
trace-tracer-disabled = 경고: 파이썬 옵션 { $flags } 때문에 threadline의 추적기(PYTHONPATH의 sitecustomize)가 로드되지 않습니다. 프로그램은 실행되지만, 스레드는 추적할 수 없습니다

## 시나리오 오류 (src/scenario/)

scenario-cannot-read = 읽을 수 없습니다: { $error }
scenario-unknown = 그런 시나리오는 없습니다. 내장 시나리오: { $known } (또는 .toml 파일의 경로를 주세요)
scenario-toml = TOML 오류: { $detail }
scenario-empty-run = 클래스 `{ $class }`의 `run`이 비어 있습니다
scenario-no-kind = 단계에는 { $kinds } 중 하나가 있어야 합니다
scenario-two-kinds = 한 단계는 한 가지 일만 하는데, 이 단계에는 여러 가지가 있습니다: { $kinds }
scenario-and = { $a }, { $b }
scenario-spawn-only = `{ $field }` 필드는 `spawn` 단계에만 쓸 수 있습니다
scenario-start-flag = `start = true/false`는 `spawn` 단계에만 쓸 수 있습니다. 스레드를 시작하려면 `start = "NAME"`이라고 쓰세요
scenario-increment-only = `{ $field }` 필드는 `increment` 단계에만 쓸 수 있습니다
scenario-times = times는 1에서 1000000 사이여야 합니다 (지금 값: { $times })
scenario-negative = 시간은 0초 이상이어야 합니다 (지금 값: { $value })
scenario-too-long = 너무 깁니다: { $value }초 (최대 { $max }초, 더 느리게 보려면 --speed를 쓰세요)
scenario-no-classes = 파일에 [classes.NAME]이 하나도 없습니다
scenario-known-classes = 있는 클래스: { $known }
scenario-unknown-class = 알 수 없는 클래스 `{ $class }`. { $hint }
scenario-text-budget = 이름을 넣고 나면 이 시나리오가 출력할 글이 { $max }를 넘습니다: 실행하기 전에 거부합니다
scenario-step-budget = 이 시나리오는 { $max }개가 넘는 단계로 펼쳐집니다: 실행하기 전에 거부합니다
scenario-name-nul = 스레드 이름에는 NUL 문자(\u0000)가 들어갈 수 없습니다
scenario-name-empty = 스레드에는 이름이 있어야 합니다: 빈 이름을 받은 스레드에는 Python이 직접 이름을 붙입니다(`Thread-1`, …)
scenario-too-big = { $max }보다 큽니다: 시나리오 파일이 아닙니다
scenario-not-text = UTF-8 텍스트가 아닙니다: 시나리오 파일이 아닙니다
run-cannot-start = 시나리오의 main을 시작할 수 없습니다: { $error }
scenario-count = count는 0에서 { $max } 사이여야 합니다 (지금 값: { $count })
scenario-same-name = 스레드 { $count }개가 모두 같은 이름(`{ $pattern }`)을 갖게 됩니다: 이름에 {"{"}i{"}"}를 넣으세요
scenario-too-many = 스레드가 { $max }개보다 많이 만들어집니다 (클래스가 자기 자신을 spawn하지 않나요?)
scenario-duplicate = 같은 이름의 스레드가 또 있습니다: `{ $name }`. 스레드 이름은 서로 달라야 합니다
scenario-start-foreign = `{ $name }` 스레드는 그 스레드를 만든 스레드만 시작할 수 있습니다
scenario-started-twice = `{ $name }` 스레드를 두 번 시작합니다 (파이썬에서는 RuntimeError가 납니다)
scenario-join-self = 스레드는 자기 자신을 조인할 수 없습니다 (파이썬에서는 RuntimeError가 납니다)
scenario-join-main = main을 조인하면 영원히 반환되지 않습니다: main의 끝은 다른 스레드들을 기다립니다
scenario-no-such-thread = 이름이 `{ $name }`인 스레드가 없습니다 (스레드: { $known })
scenario-never-started = `{ $name }` 스레드를 조인하지만, 이 스레드를 시작하는 곳이 없습니다 (파이썬에서는 RuntimeError가 납니다)
scenario-join-cycle = 이 join은 영원히 반환되지 않습니다: { $chain } (join들이 서로를 기다리는 순환입니다)
scenario-join-stuck = 이 join은 영원히 반환되지 않습니다: { $chain } (그 스레드를 시작할 스레드가 먼저 멈춰 있습니다)
scenario-waits-for = { $a } → { $b }

## 자식 프로세스 (processes 시나리오)

counter-processes-same = `{ $name }`: 부모의 값은 { $parent }, 자식 프로세스 { $n }개의 값은 각각 { $each }입니다. 프로세스는 메모리를 공유하지 않습니다: 자식마다 자기 복사본을 바꿨습니다 (하나를 공유하는 스레드였다면 { $threads }이 되었을 것입니다).
counter-processes = `{ $name }`: 부모의 값은 { $parent }, 자식 프로세스들의 값은 { $values }입니다. 프로세스는 메모리를 공유하지 않습니다: 자식마다 자기 복사본을 바꿨습니다 (하나를 공유하는 스레드였다면 { $threads }이 되었을 것입니다).
summary-exitcode = { $outcome } (exitcode { $code })
process-end-signal = { $outcome } (exitcode { $code }: { $signal }로 강제 종료됨)
process-died = { $name }: { $how }. exitcode가 0이 아니므로 multiprocessing은 이 프로세스를 실패로 보고합니다.
history-created-process = { $name } (자식 프로세스, pid { $pid }): { $at }초에 생성됨
narrate-waiting-gil = 스레드 { $n }개가 GIL을 기다립니다: GIL을 쥔 스레드만 파이썬 코드를 실행합니다.
narrate-waiting-cpu = 스레드 { $n }개가 CPU 코어를 기다립니다: 실행하려는 스레드가 이 기계의 코어보다 많습니다.
error-process-one-thread = 프로세스 클래스는 자식 프로세스에서 스레드 하나만 실행합니다: 그 안에서는 spawn, start, join을 쓸 수 없습니다
error-process-daemon = `{ $class }`는 프로세스 클래스입니다: 데몬 프로세스는 아직 지원하지 않습니다
demo-needs-terminal = 투어는 터미널에서만 볼 수 있습니다. 텍스트로 보려면 `threadline run SCENARIO --plain`을 쓰세요

## 안내 투어 (threadline demo)

key-scene = 장면
key-scene-help = 투어: 다음 / 이전 장면
key-autoplay = 자동 재생
key-autoplay-help = 투어: 다시 스스로 진행 (다른 키를 누르면 직접 조작)
tour-title = 투어 · 장면 { $scene }/{ $scenes } · { $name } · { $mode }
tour-autoplay = 자동 진행 중
tour-manual = 직접 조작 중: a를 누르면 계속

tour-basic-intro = 장면 1 · basic — 원글의 첫 번째 프로그램. main이 스레드 다섯 개를 시작하고, 각 스레드는 3초 동안 잠듭니다. main의 행을 보세요: main의 코드는 작업 스레드들보다 훨씬 먼저 끝납니다.
tour-basic-main-end = main의 코드가 끝났지만(╎) 프로세스는 계속 살아 있습니다: 데몬이 아닌 스레드가 프로세스를 붙잡고 있기 때문입니다. 작업 스레드들이 잠든(▒) 동안 main은 종료 시점에서 기다립니다(┈).
tour-basic-outro = 마지막 작업 스레드가 끝난 뒤에야 프로세스가 종료됩니다(│). 그래서 `sub thread end` 줄이 모두, main의 마지막 줄 다음에 출력됩니다.
tour-daemon-intro = 장면 2 · daemon — 같은 프로그램에 daemon=True를 준 것입니다 (10배 느리게 보여 줍니다). 데몬 스레드(ᴰ)는 프로세스를 붙잡지 않습니다.
tour-daemon-before-exit = 마지막 순간에 멈췄습니다: main의 코드가 끝났고 데몬 스레드만 남았습니다. 바로 다음 순간 프로세스가 종료되고, 데몬 스레드들은 그 자리에서 중단됩니다.
tour-daemon-outro = 중단됨(✂): `sub thread end` 줄은 하나도 출력되지 않습니다. 원글에는 출력된다고 나오지만 CPython은 그렇지 않으며, threadline은 CPython이 실제로 하는 일을 보여 줍니다.
tour-join-intro = 장면 3 · join — main이 작업 스레드 두 개를 시작하고, 마지막 줄 전에 각각 join()을 호출합니다.
tour-join-joining = main이 join()에서 블록되었습니다(┄): 기다리는 스레드가 끝날 때까지 main은 자기 코드를 전혀 실행하지 않습니다.
tour-join-outro = 두 작업 스레드의 끝 줄이 main의 마지막 줄보다 먼저 출력됩니다: join()이 main을 기다리게 했습니다.
tour-mixed-intro = 장면 4 · mixed — 데몬 스레드와 데몬이 아닌 스레드를 함께 씁니다. 프로세스는 데몬이 아닌 스레드만 기다립니다.
tour-mixed-before-exit = 데몬이 아닌 마지막 작업 스레드가 끝났습니다. 아직 실행 중인 데몬 스레드들은 바로 다음 순간, 종료 시점에 중단됩니다.
tour-mixed-outro = 데몬 스레드들은 데몬이 아닌 마지막 스레드가 살아 있는 동안만 살았고, 잠든 채로 멈췄습니다.
tour-gil-cpu-intro = 장면 5 · gil-cpu — CPython의 GIL 아래에서 스레드 네 개가 각각 1초씩 계산합니다.
tour-gil-cpu-turns = 한 번에 한 스레드만 실행되고(█), 나머지는 GIL을 기다립니다(░). 5ms마다 GIL이 다른 스레드로 넘어갈 수 있습니다.
tour-gil-cpu-outro = 스레드 네 개는 스레드 하나일 때의 약 네 배 시간이 걸렸습니다: GIL은 CPU 바운드 작업을 한 줄로 세웁니다. g를 누르면 GIL 없이 실행합니다.
tour-gil-io-intro = 장면 6 · gil-io — 스레드 네 개가 기다립니다 (0.5초 sleep). I/O를 하는 스레드처럼요.
tour-gil-io-overlap = 잠든 스레드(▒)는 GIL을 내려놓으므로, 네 스레드가 모두 동시에 기다립니다.
tour-gil-io-outro = 네 스레드가 2초가 아니라 함께 0.5초 걸렸습니다: GIL이 있든 없든 스레드는 I/O 바운드 작업에 도움이 됩니다.
tour-race-intro = 장면 7 · race — 스레드 네 개가 카운터 하나에 각각 10000씩 더합니다: 처음에는 락 없이, 다음에는 락을 걸고.
tour-race-lost = 갱신이 손실되었습니다: `counter += 1`은 읽기 다음에 쓰기이고, 그 사이에 GIL이 다른 스레드로 넘어갔습니다.
tour-race-outro = 락을 걸면 합계가 늘 맞습니다. 락을 기다리는 시간(╌)이 그 대가입니다.
tour-processes-intro = 장면 8 · processes — multiprocessing: 진짜 자식 프로세스 네 개(ᴾ, pid와 함께)가 각자 자기 카운터에 1000을 더합니다.
tour-processes-parallel = 네 프로세스가 동시에 계산합니다: 프로세스마다 자기 인터프리터와 자기 GIL이 있습니다.
tour-processes-outro = 부모의 카운터는 여전히 0입니다: 자식마다 자기 메모리 복사본을 바꿨습니다. 투어가 끝났습니다: n과 p로 장면을 오가고, q로 끝냅니다.

## 내장 시나리오의 제목, 요약, 참고 (assets/scenarios/*.toml).
## 영어 원문은 TOML 파일에 있습니다: 여기에는 한국어만 있습니다.

builtin-basic-title = basic: 프로세스는 스레드가 끝나기를 기다립니다
builtin-basic-summary = main이 작업 스레드 5개를 시작하고 먼저 끝나며, 프로세스는 작업 스레드들을 기다립니다
builtin-basic-note = main의 코드가 먼저 끝났지만 프로세스는 계속 살아 있었습니다: 인터프리터는 종료하기 전에 데몬이 아닌 스레드가 모두 끝나기를 기다립니다.
builtin-daemon-title = daemon: main이 끝나면 데몬 스레드는 중단됩니다
builtin-daemon-summary = 같은 작업 스레드 5개를 데몬으로: 프로세스가 곧바로 종료되며 작업 스레드들을 중단시킵니다
builtin-daemon-note = 원문 글에는 여기에 `sub thread end` 줄이 다섯 개 나오지만, CPython은 이 줄을 출력하지 않습니다: main의 코드가 끝나면 데몬 스레드만 남으므로, 프로세스가 종료되면서 sleep 중인 데몬 스레드들을 그 자리에서 멈춥니다. 글의 출력이 나오려면 인터프리터를 살려 두는 무언가(python -i, 노트북, IDE 콘솔)가 있어야 합니다.
builtin-join-title = join: main은 작업 스레드가 끝날 때까지 블록됩니다
builtin-join-summary = main이 작업 스레드 1과 2를 시작하고, 둘 다 조인한 뒤 후속 작업을 합니다
builtin-join-note = main은 각 작업 스레드가 끝날 때까지 join()에서 블록되었으므로, 두 끝 줄이 모두 `main thread post job`보다 먼저 나옵니다. 이미 끝난 스레드를 조인하면 곧바로 반환됩니다.
builtin-mixed-title = mixed: 데몬 스레드는 데몬이 아닌 마지막 스레드가 끝날 때까지 삽니다
builtin-mixed-summary = 짧게 도는 데몬이 아닌 작업 스레드 2개와 오래 도는 데몬 작업 스레드 3개
builtin-mixed-note = 프로세스는 데몬이 아닌 작업 스레드 2개를 기다린 뒤 종료되었고, 데몬 작업 스레드들은 그 순간 중단되었습니다.
builtin-stress-title = stress: 짧게 사는 스레드 여러 개
builtin-stress-summary = main이 짧게 사는 작업 스레드 200개를 시작하고 모두 조인합니다 (더 많이: --workers N)
builtin-stress-note = 모든 작업 스레드는 진짜 OS 스레드였습니다. main은 자기 코드가 끝나기 전에 이들을 모두 조인했습니다.
builtin-gil-cpu-title = gil-cpu: CPU 바운드 스레드들은 GIL을 번갈아 쥡니다
builtin-gil-cpu-summary = 스레드 4개가 각각 1초씩 계산합니다: GIL이 있으면 번갈아 실행됩니다 (약 4초)
builtin-gil-cpu-note = GIL이 있으면 한 번에 한 스레드만 파이썬 코드를 실행합니다: 5ms마다(sys.getswitchinterval()) 실행 중인 스레드가 기다리는 스레드에게 GIL을 넘기므로, CPU 바운드 스레드 4개는 하나일 때보다 약 4배 오래 걸립니다.
builtin-gil-io-title = gil-io: 기다리는 스레드들은 GIL이 있든 없든 겹칩니다
builtin-gil-io-summary = 스레드 4개가 각각 0.5초씩 sleep합니다: GIL이 있든 없든 겹칩니다 (약 0.5초)
builtin-gil-io-note = time.sleep()과 블로킹 I/O는 GIL을 내려놓으므로, I/O 바운드 스레드들은 나란히 기다립니다: 0.5초 대기 4번이 2초가 아니라 약 0.5초 걸립니다.
builtin-race-title = race: 손실되는 갱신, 그리고 이를 막는 락
builtin-race-summary = 스레드 4개가 카운터 3개에 각각 1000000씩 더합니다: 그냥, 함수 호출을 거쳐, 락을 걸고
builtin-race-note = 갱신의 읽기와 쓰기 사이에 스레드가 바뀌면, 그 사이에 다른 스레드들이 쓴 값을 덮어씁니다. 락만이 이를 막습니다. 나머지 둘 중 어느 쪽이 값을 잃는지는 인터프리터가 어디서 스레드를 바꿀 수 있는지에 달려 있습니다 (--python 3.9와 --python 3.13t로 해 보세요).
builtin-processes-title = processes: 각자의 메모리, 각자의 GIL
builtin-processes-summary = main이 작업 프로세스 4개를 시작합니다. 각 프로세스는 자기 카운터에 1000을 더한 다음 0.5초 동안 계산합니다
builtin-processes-note = 프로세스마다 자기 메모리가 있습니다: 자식의 `counter += 1`은 자식의 복사본을 바꿀 뿐 부모의 것은 바꾸지 않으므로, 부모는 여전히 0을 읽습니다 (메모리를 공유하는 스레드였다면 4000이 되었을 것입니다). 프로세스마다 자기 GIL도 있어서, 자식들은 기계의 코어가 허락하는 만큼 나란히 계산합니다: 코어가 2개면 CPU 바운드 자식 네 개는 하나일 때의 약 2배가 걸립니다. 프로세스 사이에 데이터를 나누려면 운영체제의 도움이 필요합니다: 파이프, Queue, 공유 메모리.

## 시작, 그 밖의 대기, 블록되는 시스템 호출
state-starting = 시작 대기
state-starting-meaning = start() 안에서 새 스레드가 실행되기를 기다림 (CPython의 시작 절차이며 프로그램의 락이 아님)
state-waiting = 대기
state-waiting-meaning = Event, Condition, 큐, Barrier, future에서 블록됨
state-blocked-io = I/O 블록
state-blocked-io-meaning = 시스템 호출에서 블록됨: 파이프나 소켓 읽기, select, poll, input()
## 여기서 쓸 수 없는 키와 그 까닭
refused = { $key }: { $why }
refused-tour-only = 둘러보기(threadline demo)에서만 쓸 수 있습니다
refused-trace-step = 실제 프로그램은 한 단계씩 실행할 수 없습니다 (space로 일시 정지할 수 있습니다)
refused-trace-speed = 실제 프로그램은 제 속도로 돌아갑니다 (space로 일시 정지할 수 있습니다)
refused-trace-change = 추적하는 프로그램은 쓰인 그대로 실행됩니다
refused-replay-change = 재생은 기록된 것을 그대로 보여 줍니다
refused-tour-split = 둘러보기는 한 번에 실행 하나만 보여 줍니다
refused-trace-split = 추적하는 프로그램은 쓰인 그대로 한 번만 실행됩니다
refused-replay-split = 재생은 기록 하나를 보여 줍니다
refused-replay-code = 녹화에는 소스 코드가 없습니다
## 무엇을 기다리는가
wait-on = { $on }
on-warnings = warnings 모듈
wait-join = { $name }
wait-join-short = { $name }의 종료
history-state-on = { $on } { $state }
history-held-by = { $name }이(가) 가짐
narrate-raised = { $name }에서 예외가 발생했습니다: { $raised }
history-raised = 발생한 예외: { $raised }
## 교착 상태
deadlock-two = 교착 상태: { $a }은(는) { $b_waits }을(를) 가진 채 { $b }이(가) 가진 { $a_waits }을(를) 기다리고, { $b }은(는) { $b_waits }을(를) 기다립니다. 둘 다 더 나아갈 수 없습니다.
deadlock-link = { $name }은(는) { $holder }이(가) 가진 { $what }을(를) 기다림
deadlock-link-gone = { $name }은(는) { $holder }이(가) 놓지 않고 끝난 { $what }을(를) 기다림
deadlock-link-join = { $name }은(는) join()에서 { $holder }이(가) 끝나기를 기다림
deadlock-ended = 프로그램을 끝냈습니다: { $n ->
    [1] 스레드 하나가 자신을 기다려 더 나아갈 수 없습니다
   *[other] 스레드 { $n }개가 서로를 기다려 아무도 더 나아갈 수 없습니다
} (종료 코드 3)
deadlock-ended-stall = 프로그램을 끝냈습니다: { $n ->
    [1] 하나뿐인 살아 있는 스레드가
    [2] 살아 있는 두 스레드 모두가
   *[other] 살아 있는 스레드 { $n }개 모두가
} 시간 제한 없이 기다리고, 그 기다림을 끝내 줄 스레드가 남아 있지 않습니다 (종료 코드 3)
deadlock-then = { $a }; { $b }
deadlock-ring = 교착 상태: 스레드 { $n }개가 고리처럼 서로를 기다립니다: { $chain }. 아무도 더 나아갈 수 없습니다.
deadlock-self = 교착 상태: { $name }은(는) 자신이 이미 가진 { $what }을(를) 기다리므로 영원히 나아갈 수 없습니다.
deadlock-left = { $ring } { $stood }
deadlock-stood = 프로그램의 나머지는 교착된 스레드 { $n }개 없이 계속되었습니다: 프로세스가 끝나 중단될 때까지 그렇게 기다렸습니다.
deadlock-link-alone = { $name }은(는) { $what }을(를) 기다림
deadlock-link-exit = { $name }은(는) 종료 시점에서 데몬이 아닌 스레드들을 기다림
deadlock-something = 무언가
deadlock-stall = 교착 상태: { $n ->
    [1] 하나뿐인 살아 있는 스레드가 시간 제한 없이, 다른 스레드만 줄 수 있는 것을 기다립니다: { $chain }. 그것을 줄 스레드가 남아 있지 않아 영원히 나아갈 수 없습니다.
    [2] 살아 있는 두 스레드 모두가 시간 제한 없이, 프로그램의 스레드만 줄 수 있는 것을 기다립니다: { $chain }. 그것을 줄 스레드가 남아 있지 않아 둘 다 더 나아갈 수 없습니다.
   *[other] 살아 있는 스레드 { $n }개 모두가 시간 제한 없이, 프로그램의 스레드만 줄 수 있는 것을 기다립니다: { $chain }. 그것을 줄 스레드가 남아 있지 않아 아무도 더 나아갈 수 없습니다.
}
## 오류
error-io = { $error }
worker-bad-input = 워커: { $error }
replay-line-too-long = { $max }바이트보다 긴 줄이 있습니다: threadline 기록 파일이 아닙니다
replay-time-too-late = 시각 { $at } ns는 threadline이 받는 가장 늦은 시각({ $max } ns, 약 104일)보다 늦습니다

## 시나리오 변형과 인터프리터
variant-title = { $title } ({ $how })
variant-daemon = 모든 작업 스레드를 데몬으로 실행
variant-no-daemon = 작업 스레드를 하나도 데몬으로 두지 않고 실행
variant-gil = GIL을 켜고 실행
variant-no-gil = GIL 없이 실행
scenario-variant = 변형 `{ $variant }`에 대한 문구는 쓸 수 없습니다 (변형: { $known })
scenario-python = `{ $version }`은(는) 모델링할 수 있는 파이썬이 아닙니다 ({ $known } 중 하나)
scenario-python-gil = `gil = { $gil }`은(는) GIL이 있는지를 정하는 `python = "{ $version }"`과(와) 맞지 않습니다: 둘 중 하나만 쓰세요
builtin-basic-daemon-title = basic --daemon: 같은 작업 스레드를 데몬으로: 프로세스는 기다리지 않습니다
builtin-basic-daemon-note = 작업 스레드가 모두 데몬이면 main의 코드가 끝난 뒤 프로세스를 살려 둘 것이 없습니다: 프로세스가 종료되면서 sleep 중인 작업 스레드들을 중단시키므로, 끝 줄은 출력되지 않습니다.
builtin-daemon-no-daemon-title = daemon --no-daemon: 같은 작업 스레드, 데몬이 아님: 프로세스가 기다립니다
builtin-daemon-no-daemon-summary = 같은 작업 스레드 5개, 데몬이 아님: 프로세스가 이들을 기다립니다
builtin-daemon-no-daemon-note = 데몬인 작업 스레드가 없으므로 인터프리터는 종료하기 전에 모두를 기다립니다: 다섯 끝 줄이 main의 코드가 끝나고 약 3초 뒤에 출력됩니다.
builtin-join-daemon-title = join --daemon: main은 여전히 join()에서 기다립니다
builtin-join-daemon-note = 이제 작업 스레드가 데몬이지만, main이 자기 코드가 끝나기 전에 둘 다 조인하므로 어쨌든 끝까지 실행됩니다: join()은 데몬 여부와 관계없이 스레드를 기다립니다.
builtin-mixed-daemon-title = mixed --daemon: 모든 작업 스레드가 데몬: 프로세스를 살려 둘 것이 없습니다
builtin-mixed-daemon-note = 작업 스레드가 모두 데몬이면 main의 코드가 끝나자마자 프로세스가 종료되고, 다섯 스레드 모두 중단됩니다.
builtin-mixed-no-daemon-title = mixed --no-daemon: 데몬 없음: 프로세스는 다섯 스레드를 모두 기다립니다
builtin-mixed-no-daemon-note = 데몬인 작업 스레드가 없으므로 인터프리터는 오래 도는 스레드까지 다섯 모두가 끝나기를 기다린 뒤 종료합니다.
builtin-gil-cpu-no-gil-title = gil-cpu --no-gil: GIL이 없으면 스레드들이 동시에 계산합니다
builtin-gil-cpu-no-gil-summary = 스레드 4개가 각각 1초씩, 기계의 코어에서 계산합니다
builtin-gil-cpu-no-gil-note = GIL이 없으면(프리 스레딩 3.13t) 네 스레드가 CPU 코어 수만큼 동시에 실행됩니다: 코어가 2개면 스레드 하나일 때의 4배가 아니라 약 2배 걸립니다.
builtin-deadlock-title = deadlock: 반대 순서로 잡는 락 두 개
builtin-deadlock-summary = alice는 left 다음 right를, bob은 right 다음 left를 잡습니다: 각자 하나를 쥐고 상대의 것을 기다립니다
builtin-deadlock-note = 두 스레드가 각각 락 하나를 쥔 채 상대가 쥔 락을 기다리므로, 어느 쪽도 더 나아갈 수 없습니다: 교착 상태입니다. 락을 늘 같은 순서로 잡으면(둘 다 left 먼저) 일어날 수 없습니다.
builtin-philosophers-title = philosophers: 철학자 다섯, 포크 다섯, 하나의 고리로 이어진 대기
builtin-philosophers-summary = 철학자 스레드 5개가 각자 왼쪽 포크를 잡은 뒤 오른쪽 포크를 잡습니다: 모두가 서로를 기다립니다
builtin-philosophers-note = 철학자마다 포크 하나를 쥐고 다음 철학자의 포크를 기다립니다: 대기가 고리를 이루어 아무도 더 나아갈 수 없습니다. 번호가 낮은 포크를 먼저 잡으면(한 철학자는 오른쪽을 먼저 잡게 되므로) 고리가 끊깁니다.

## 유령: 종료가 앗아 간 것 (중단된 스레드가 마저 했을 일)
output-never = 출력되지 못함:
ghost-would = 살아 있었다면 { $what }
ghost-would-rest = 살아 있었다면 { $what } 끝났을 것입니다
ghost-and = { $a } { $b }
ghost-slept = { $until }초까지 sleep한 뒤
ghost-blocked = { $until }초까지 기다린 뒤
ghost-ran = { $until }초까지 실행한 뒤
ghost-printed = { $line }을(를) 출력했을 것입니다
ghost-printed-more = { $line } 외 { $n }줄을 출력했을 것입니다
lost-lines = { $n }줄이 출력되지 못했습니다.
lost-lines-sleep = { $n }줄이 출력되지 못했습니다. { $who ->
    [daemons] 데몬 스레드들은
   *[threads] 스레드들은
} 모두 합쳐 { $sleep }초의 sleep을 잃었습니다.
plain-never-printed = 출력되지 못한 줄 (중단됨):
silenced = { $name }은(는) 아무것도 출력하지 못했습니다: 종료 순간 아직 { $state } 상태였고, 첫 줄은 { $at }초에 나왔을 것입니다.
help-ghost = 중단된 스레드가 마저 했을 일 (시나리오에서만: 실제 프로그램의 앞날은 알 수 없음)

## 두 실행 비교 (threadline compare, 나눠 보기)
compare-differences = 차이 (A 대 B):
compare-exit = 종료: A는 { $a }, B는 { $b }
compare-exit-at = { $at }초에 종료 코드 { $code }
compare-exit-never = 종료하지 않음
compare-ends = { $names }: A에서 { $a }, B에서 { $b }
compare-end-absent = 없음
compare-end-open = 끝나지 않음
compare-lines = `{ $text }` 줄 { $n }개: { $side }에만
compare-share = 걸린 시간(스레드 하나일 때 대비): { $a } 대 { $b }
compare-counter = `{ $name }`: A에서 { $a }, B에서 { $b } (기대값 { $expected })
compare-lines-unkept = 출력은 비교하지 않았습니다: 한쪽이 threadline이 보관하는 줄(마지막 { $kept }줄)보다 많이 출력했습니다.
compare-same = 차이 없음: 같은 종료, 같은 끝, 같은 출력.
compare-side = { $side }: { $what }
key-code = 코드
key-code-help = 출력 대신 코드 창: 프로그램의 파이썬 코드(시나리오의 쌍둥이 프로그램, 추적 중인 프로그램의 스크립트), 스레드마다 마지막으로 보인 줄에 표시, 선택한 스레드의 줄 강조
pane-code = 코드 · { $file }
code-none = 보여 줄 소스가 없습니다: 프로그램이 -c나 -m으로 주어졌거나 스크립트를 읽을 수 없습니다.
code-marks = 스레드마다 마지막으로 보인 줄(가장 최근의 대기, 시작, 끝)에 표시가 있습니다.
code-twin-marks = 시나리오의 파이썬 쌍둥이 프로그램입니다. 스레드마다 가장 최근에 상태를 바꾼 단계의 줄에 표시가 있습니다.
code-only-a = A의 프로그램에만 있는 줄 { $n }개에 A 표시가 있습니다.
code-only-b = { $n ->
    [0] B의 프로그램에만 있는 줄은 없습니다.
   *[other] B의 프로그램에만 있는 줄 { $n }개:
}
key-python-help = 시나리오가 본뜨는 다음 인터프리터(3.8 … 3.13, 그다음 자유 스레드 3.13t)로 바꾸고 다시 시작합니다. v를 누르면 아래에 이전 인터프리터가 보입니다

## 직접 스케줄링 (s: src/ui/schedule.rs, src/stepper/)
key-schedule = 스케줄
key-schedule-help = 직접 스케줄러가 됩니다: 멈춘 채 다시 시작하고, 단계마다 실행할 스레드를 고릅니다 (s를 다시 누르면 돌려줌)
key-pick = 고르기
key-pick-help = 그 표시(M, 0-9)의 스레드가 다음 단계를 실행합니다. Enter: 선택한 스레드
header-scheduling = 직접 스케줄링
header-by-hand = 한 단계씩
refused-tour-schedule = 둘러보기는 정해진 장면을 보여 줍니다 (threadline run에서 s를 누르세요)
refused-trace-schedule = 실제 프로그램은 인터프리터와 운영 체제가 스케줄링합니다
refused-replay-schedule = 재생은 기록된 것을 그대로 보여 줍니다 (시나리오에서 직접 스케줄링하세요)
refused-split-schedule = 직접 스케줄링은 실행 하나로만 합니다 (먼저 v로 화면을 하나로 되돌리세요)
refused-schedule-moves = 지금은 직접 스케줄링 중입니다: 스레드를 골라야만 프로그램이 나아갑니다 (s로 스케줄링을 돌려줍니다)
refused-schedule-split = 직접 스케줄링하는 동안에는 실행 하나만 봅니다 (s로 스케줄링을 돌려줍니다)
refused-schedule-digits = 직접 스케줄링하는 동안 숫자 키는 스레드를 고릅니다 (시나리오는 Tab으로 바꿉니다)
refused-pick = 직접 스케줄링할 때만 쓸 수 있습니다 (먼저 s를 누르세요)
schedule-on = s: 이제 직접 스케줄러입니다. 이미 돌고 있는 실행은 그 자리에서 넘겨받을 수 없어서 프로그램을 처음부터 멈춘 채로 다시 시작했습니다. 다음 단계를 실행할 스레드의 표시(M, 0-9)를 누르거나, Enter로 선택한 스레드를 실행하세요.
schedule-off = s: 스케줄링을 돌려주었습니다. 프로그램이 처음부터 다시 시작하고, 누가 실행될지는 인터프리터가 정합니다
schedule-processes = s: 이 시나리오는 자식 프로세스를 씁니다. 프로세스마다 GIL과 메모리가 따로 있어서, 직접 스케줄링은 한 프로세스의 스레드만 다룹니다
schedule-processes-left = 이 시나리오는 자식 프로세스를 씁니다: 저절로 실행합니다 (스케줄링을 돌려주었습니다)
pick-no-row = { $key }: 그 표시를 가진 스레드가 없습니다
pick-refused = { $key }: { $name }은(는) 지금 실행할 수 없습니다: { $why }
pick-why-unknown = 그런 스레드가 없습니다
pick-why-over = 프로세스가 끝났습니다 (r로 다시 시작합니다)
pick-why-unborn = 아직 만들어지지 않았습니다
pick-why-created = 만들어졌지만 아직 시작되지 않았습니다
pick-why-sleeping = { $at }초까지 잠들어 있습니다
pick-why-starting = { $other }이(가) 실행될 때까지 start()에서 기다립니다
pick-why-joining = { $other }이(가) 끝날 때까지 join()에서 기다립니다
pick-why-lock = { $other }이(가) 가진 { $lock }을(를) 기다립니다
pick-why-at-exit = 코드가 끝나서 데몬이 아닌 스레드들을 기다립니다
pick-why-done = 이미 끝났습니다
sched-title = 직접 스케줄링: { $n }단계 실행함
sched-first = 아직 아무것도 실행되지 않았습니다: main이 준비되어 있습니다.
sched-began = { $name }이(가) 처음 실행됩니다
sched-began-starter = { $name }이(가) 처음 실행되어 { $starter }의 start()가 돌아올 수 있습니다
sched-printed = { $name }이(가) “{ $text }”를 출력했습니다
sched-created = { $name }이(가) { $other }을(를) 만들었습니다 (아직 시작 전)
sched-started = { $name }이(가) { $other }.start()를 불렀습니다: { $other }이(가) 실행될 때까지 기다립니다
sched-slept = { $name }이(가) { $at }초까지 잠듭니다
sched-computed = { $name }이(가) { $ran }ms 계산했습니다 ({ $total }ms 중 { $done }ms)
sched-read = { $name }이(가) { $counter } = { $value }을(를) 읽었습니다
sched-read-lock = { $name }이(가) { $lock }을(를) 잡고 { $counter } = { $value }을(를) 읽었습니다
sched-then-call = { $text }. 이어서 add({ $value })를 부릅니다: 여기서 스레드가 바뀔 수 있습니다
sched-wrote = { $name }이(가) { $counter } = { $value }을(를) 썼습니다
sched-wrote-lost = { $name }이(가) { $counter } = { $value }을(를) 썼습니다 ({ $others }의 갱신 { $n }번이 사라졌습니다)
sched-then-release = { $text }. 그리고 { $lock }을(를) 놓았습니다
sched-updated = { $name }이(가) { $counter } = { $read }을(를) 읽고 { $value }을(를) 한 단계에 썼습니다: { $python }에서는 GIL이 함수 호출이나 반복문의 되돌아가기에서만 넘어가므로, 읽기와 쓰기 사이에 끼어들 수 없습니다
sched-under-lock = { $text } ({ $lock }을(를) 잡은 채)
sched-lock-waits = { $name }이(가) { $lock }을(를) 원하지만 { $other }이(가) 가지고 있어서 기다립니다
sched-acquired = { $name }이(가) { $lock }을(를) 잡았습니다
sched-released = { $name }이(가) { $lock }을(를) 놓았습니다
sched-joined = { $name }이(가) { $other }을(를) join했습니다: 이미 끝나 있어서 join()이 바로 돌아왔습니다
sched-join-waits = { $name }이(가) { $other }.join()을 불렀습니다: { $other }이(가) 끝날 때까지 기다립니다
sched-warned = { $name }이(가) DeprecationWarning을 출력했습니다 (프로세스에서 처음)
sched-not-warned = { $name }은(는) 경고하지 않았습니다 (이미 보였거나, 이 파이썬은 경고하지 않습니다)
sched-reported = { $name }이(가) { $counter } = { $value }을(를) 출력했습니다
sched-exited = 프로세스가 끝났습니다
sched-exited-cut = 프로세스가 끝나면서 { $names }이(가) 중간에 끊겼습니다
sched-ended = { $name }이(가) 끝났습니다
sched-code-ended = main의 코드가 끝났습니다
sched-woke = 다시 준비됨: { $names }
sched-skipped = 모든 스레드가 잠들어 있어서 시간이 { $at }초로 흘렀습니다
sched-ready = 준비됨: { $list }. 표시를 누르거나, Enter로 선택한 줄을 실행하세요.
sched-none-ready = 실행할 수 있는 스레드가 없습니다: 서로를 기다립니다 (교착 상태). r로 다시 시작합니다.
sched-over = 프로세스가 끝났습니다. r로 다시 시작하고, s로 스케줄링을 돌려줍니다.
sched-drawn-gil = 고른 스레드가 GIL을 잡고, 나머지는 GIL을 기다립니다.
sched-drawn-cores = GIL이 없으면 스레드들이 동시에 돌 수 있습니다: 단계가 일어나는 순서를 직접 고르고, 고르지 않은 스레드는 기다리는 것으로 그립니다.
