// Tells the matrix component which rows and columns are on screen, so that it renders only those (plus a
// margin of half a screen each way). It calls back only when the visible part leaves the rendered window,
// at most once per animation frame, so scrolling inside the window costs no round trip to the server.
export function observe(scroller, component, rowHeaderWidth, headerHeight, cellSize) {
    let sent = null;
    let frame = 0;

    function visible() {
        const top = scroller.scrollTop, left = scroller.scrollLeft;
        const height = Math.max(scroller.clientHeight - headerHeight, cellSize);
        const width = Math.max(scroller.clientWidth - rowHeaderWidth, cellSize);
        return {
            r0: Math.floor(top / cellSize), r1: Math.ceil((top + height) / cellSize),
            c0: Math.floor(left / cellSize), c1: Math.ceil((left + width) / cellSize),
        };
    }

    function update() {
        frame = 0;
        const v = visible();
        if (sent && v.r0 >= sent.r0 && v.r1 <= sent.r1 && v.c0 >= sent.c0 && v.c1 <= sent.c1)
            return;
        const rowMargin = Math.ceil((v.r1 - v.r0) / 2), columnMargin = Math.ceil((v.c1 - v.c0) / 2);
        sent = {
            r0: Math.max(0, v.r0 - rowMargin), r1: v.r1 + rowMargin,
            c0: Math.max(0, v.c0 - columnMargin), c1: v.c1 + columnMargin,
        };
        component.invokeMethodAsync("ShowWindow", sent.r0, sent.r1, sent.c0, sent.c1);
    }

    function schedule() {
        if (!frame)
            frame = requestAnimationFrame(update);
    }

    scroller.addEventListener("scroll", schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    update();

    return {
        reset() {
            scroller.scrollTop = 0;
            scroller.scrollLeft = 0;
            sent = null;
            update();
        },
        dispose() {
            scroller.removeEventListener("scroll", schedule);
            resize.disconnect();
            if (frame)
                cancelAnimationFrame(frame);
        },
    };
}
