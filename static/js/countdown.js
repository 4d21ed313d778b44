// The scoring timer's countdown, shared by the phone, the projector and the control page.
// Pages count down from the seconds left by the server's clock (`remaining`, sent with
// every state and picture), from the moment it arrived: a phone whose clock is wrong
// still shows the right time. At zero nothing closes; the facilitator decides.
(() => {
  "use strict";
  window.Countdown = function Countdown(onTick) {
    let end = null;
    let pending = null;
    function tick() {
      if (end === null) return;
      const ms = end - performance.now();
      const left = Math.max(0, Math.ceil(ms / 1000));
      onTick(left);
      if (left > 0) pending = setTimeout(tick, Math.max(20, ms - (left - 1) * 1000));
    }
    return {
      set(remaining) {   // seconds left, or null without a timer
        clearTimeout(pending);
        end = typeof remaining === "number" ? performance.now() + remaining * 1000 : null;
        if (end === null) onTick(null); else tick();
      },
    };
  };
  // "4:05"; over an hour never occurs (a timer runs at most 60 minutes).
  window.Countdown.format = (seconds) =>
    `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
})();
