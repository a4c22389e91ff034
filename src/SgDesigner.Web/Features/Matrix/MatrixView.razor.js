// Tells the matrix component which rows and columns are on screen, so that it renders only those (plus a
// margin of half a screen each way). It calls back only when the visible part leaves the rendered window,
// at most once per animation frame, so scrolling inside the window costs no round trip to the server.
// It also makes the matrix a keyboard grid: the arrow keys (Home, End, Page Up, Page Down) move the focus from
// cell to cell, scrolling the target clear of the sticky headers and waiting for it to be rendered; Enter or
// Space asks the component to explain the focused cell.
export function observe(scroller, component, rowHeaderWidth, headerHeight, cellSize) {
    // The heat map can be gone by the time this runs (a zoom into a subnet and straight back out while the module
    // loaded): nothing to observe; the component asks again when it draws a heat map.
    if (!scroller || !scroller.isConnected) {
        return null;
    }
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

    function count(attribute) {
        return Number(scroller.getAttribute(attribute)) - 1; // without the header row or column
    }

    function onKey(e) {
        const cell = e.target.closest && e.target.closest("[role=gridcell]");
        if (!cell || !scroller.contains(cell))
            return;
        const r = Number(cell.dataset.r), c = Number(cell.dataset.c);
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            component.invokeMethodAsync("ExplainCell", r, c);
            return;
        }
        const page = Math.max(1, Math.floor((scroller.clientHeight - headerHeight) / cellSize) - 1);
        const moves = {
            ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
            Home: [r, 0], End: [r, count("aria-colcount") - 1], PageUp: [r - page, c], PageDown: [r + page, c],
        };
        if (!(e.key in moves))
            return;
        e.preventDefault();
        const nr = Math.min(Math.max(moves[e.key][0], 0), count("aria-rowcount") - 1);
        const nc = Math.min(Math.max(moves[e.key][1], 0), count("aria-colcount") - 1);
        if (nr === r && nc === c)
            return;
        reveal(nr, nc);
        cell.tabIndex = -1;
        component.invokeMethodAsync("SetActiveCell", nr, nc);
        focusWhenRendered(nr, nc, 0);
    }

    // Scrolls just enough that the cell is clear of the sticky column headers (top) and row headers (left).
    function reveal(r, c) {
        const top = r * cellSize, left = c * cellSize;
        const height = scroller.clientHeight - headerHeight, width = scroller.clientWidth - rowHeaderWidth;
        if (top < scroller.scrollTop)
            scroller.scrollTop = top;
        else if (top + cellSize > scroller.scrollTop + height)
            scroller.scrollTop = top + cellSize - height;
        if (left < scroller.scrollLeft)
            scroller.scrollLeft = left;
        else if (left + cellSize > scroller.scrollLeft + width)
            scroller.scrollLeft = left + cellSize - width;
    }

    // A cell beyond the rendered window appears once the component has rendered the new window.
    function focusWhenRendered(r, c, frames) {
        const target = scroller.querySelector(`[role=gridcell][data-r="${r}"][data-c="${c}"]`);
        if (target) {
            target.tabIndex = 0;
            target.focus({ preventScroll: true });
        } else if (frames < 120) {
            requestAnimationFrame(() => focusWhenRendered(r, c, frames + 1));
        }
    }

    scroller.addEventListener("keydown", onKey);
    // Says that the arrow keys move from cell to cell now: until this module has loaded, they do nothing.
    scroller.dataset.keyboard = "on";
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
            scroller.removeEventListener("keydown", onKey);
            delete scroller.dataset.keyboard;
            resize.disconnect();
            if (frame)
                cancelAnimationFrame(frame);
        },
    };
}
