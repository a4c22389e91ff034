namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// Page scripts that time what the user sees, inside the browser: <c>performance.now()</c> at the moment of
/// the triggering event and of the DOM change, so Playwright's polling and the CDP round trip add nothing.
/// </summary>
internal static class SpeedScripts
{
    /// <summary>
    /// Init script: records in <c>window.sgdInteractive</c> the time since navigation start at which the designer's
    /// "Add rule" button first exists enabled (Blazor renders it disabled until the circuit is interactive), and in
    /// <c>window.sgdLongTasks</c> the browser's long tasks (main thread busy over 50 ms), to tell the browser's
    /// share of a delay from the server's.
    /// </summary>
    public const string MarkInteractive = """
        (() => {
            window.sgdLongTasks = [];
            new PerformanceObserver(list => window.sgdLongTasks.push(...list.getEntries().map(e => ({ start: e.startTime, duration: e.duration }))))
                .observe({ type: 'longtask', buffered: true });
            window.sgdBusy = (from, to) => window.sgdLongTasks.filter(t => t.start >= from && t.start < to).reduce((sum, t) => sum + t.duration, 0);
            const check = () => {
                const button = document.querySelector('[data-testid=add-rule]');
                if (button && !button.disabled && window.sgdInteractive === undefined) {
                    window.sgdInteractive = performance.now();
                    observer.disconnect();
                }
            };
            const observer = new MutationObserver(check);
            observer.observe(document, { subtree: true, childList: true, attributes: true });
        })();
        """;

    /// <summary>
    /// Arms a watch: on the next <c>change</c> event from a rule's ports field, times until the preview's verdict
    /// reads <c>verdict</c> and the findings heading reads <c>findings</c>. Resolves to the two delays in ms
    /// (null when not reached within 30 s, or when no change event came within 30 s) and the start and end times, to ask <c>sgdBusy</c> about once the
    /// long-task observer has been told of the last task.
    /// </summary>
    public const string WatchEdit = """
        ([verdict, findings]) => {
            window.sgdEdit = new Promise(resolve => {
                // A change event that never comes (the field was not found or not left) must not keep the caller waiting.
                const noChange = setTimeout(() => resolve({ verdictMs: null, findingsMs: null }), 30000);
                // Not `once`: a change event from another field first would remove the listener and leave the promise pending.
                const onChange = event => {
                    if (!event.target.closest('[data-testid=ports]'))
                        return;
                    document.removeEventListener('change', onChange, { capture: true });
                    clearTimeout(noChange);
                    const start = performance.now();
                    const result = { verdictMs: null, findingsMs: null };
                    const text = selector => document.querySelector(selector)?.textContent.trim();
                    const check = () => {
                        const now = performance.now() - start;
                        if (result.verdictMs === null && text('[data-testid=verdict]') === verdict)
                            result.verdictMs = now;
                        if (result.findingsMs === null && text('[data-testid=findings] h6') === findings)
                            result.findingsMs = now;
                        if (result.verdictMs !== null && result.findingsMs !== null) {
                            observer.disconnect();
                            Object.assign(result, { startAt: start, endAt: performance.now() });
                            resolve(result);
                        }
                    };
                    const observer = new MutationObserver(check);
                    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
                    setTimeout(() => { observer.disconnect(); resolve(result); }, 30000);
                };
                document.addEventListener('change', onChange, { capture: true });
            });
        }
        """;

    /// <summary>
    /// Clicks the Matrix tab and resolves to the ms until the first heat-map cell or, for an estate that opens aggregated
    /// (over <c>MatrixView.LargeEstate</c> instances), the first aggregated cell is in the page (NaN after 60 s without one).
    /// </summary>
    public const string OpenMatrix = """
        () => new Promise(resolve => {
            const tab = [...document.querySelectorAll('.mud-tab')].find(t => t.textContent.trim() === 'Matrix');
            const start = performance.now();
            const shown = () => document.querySelector('[data-testid=matrix-cells], [data-testid=aggregate-cell]');
            const observer = new MutationObserver(() => {
                if (shown()) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                }
            });
            observer.observe(document.body, { subtree: true, childList: true });
            setTimeout(() => { observer.disconnect(); resolve(NaN); }, 60000);
            tab.click();
        })
        """;

    /// <summary>Chooses the heat map ("instance") in the matrix's level selector and resolves to the ms until its first cell (NaN after 60 s).</summary>
    public const string ChooseHeatMap = """
        () => new Promise(resolve => {
            const select = document.querySelector('[data-testid=matrix-aggregate-by]');
            const start = performance.now();
            const observer = new MutationObserver(() => {
                if (document.querySelector('[data-testid=matrix-cells]')) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                }
            });
            observer.observe(document.body, { subtree: true, childList: true });
            setTimeout(() => { observer.disconnect(); resolve(NaN); }, 60000);
            select.value = 'instance';
            select.dispatchEvent(new Event('change', { bubbles: true }));
        })
        """;

    /// <summary>
    /// Scrolls the matrix diagonally from the top-left to the bottom-right corner in <c>steps</c> frames, one step
    /// per animation frame, and measures every frame gap (a stall is a long gap). Also counts the frames in which
    /// the middle of the viewport showed no cell yet (the server had not sent that window), and the ms after the
    /// last step until the corner's cells were there.
    /// </summary>
    public const string ScrollMatrix = """
        async steps => {
            const scroller = document.querySelector('[data-testid=matrix-scroller]');
            const box = scroller.getBoundingClientRect();
            const maxTop = scroller.scrollHeight - scroller.clientHeight, maxLeft = scroller.scrollWidth - scroller.clientWidth;
            const frame = () => new Promise(r => requestAnimationFrame(r));
            const cellInMiddle = () => {
                const x = box.left + 180 + (box.width - 180) / 2, y = box.top + 120 + (box.height - 120) / 2;
                return document.elementFromPoint(x, y)?.classList.contains('mx-cells') === true;
            };
            // The same number of frames without scrolling first: what the machine alone gives (other load, GC).
            const idle = [];
            let last = await frame();
            for (let i = 1; i <= steps; i++) {
                const now = await frame();
                idle.push(now - last);
                last = now;
            }
            const gaps = [];
            let blank = 0;
            const begin = performance.now();
            last = await frame();
            for (let i = 1; i <= steps; i++) {
                scroller.scrollTop = maxTop * i / steps;
                scroller.scrollLeft = maxLeft * i / steps;
                const now = await frame();
                gaps.push(now - last);
                last = now;
                if (!cellInMiddle())
                    blank++;
            }
            const end = performance.now();
            while (!cellInMiddle() && performance.now() - end < 10000)
                await frame();
            const sorted = [...gaps].sort((a, b) => a - b);
            return {
                frames: gaps.length,
                longestFrameMs: sorted[sorted.length - 1],
                p95FrameMs: sorted[Math.floor(sorted.length * 0.95)],
                medianFrameMs: sorted[Math.floor(sorted.length / 2)],
                framesOver50Ms: gaps.filter(g => g > 50).length,
                blankFrames: blank,
                idleLongestFrameMs: Math.max(...idle),
                idleFramesOver50Ms: idle.filter(g => g > 50).length,
                browserBusyMs: window.sgdBusy(begin, performance.now()),
                settleMs: performance.now() - end,
                renderedCells: [...document.querySelectorAll('[data-testid=matrix-cells]')].reduce((sum, row) => sum + row.dataset.states.length, 0),
                scrollHeight: scroller.scrollHeight,
                scrollWidth: scroller.scrollWidth,
            };
        }
        """;
}
