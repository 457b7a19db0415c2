"""What every time chart shares: the policy waves as shaded bands behind the lines, labelled."""

from ...core.waves import all_waves

WAVE_FILL = ["rgba(31,119,180,0.08)", "rgba(255,127,14,0.10)"]


def add_wave_bands(fig, lang, x_range, labels=True, font_size=12):
    """Shade each policy wave within x_range, alternating two light fills; label them at the top,
    alternately high and low so neighbouring labels do not overlap."""
    first, last = x_range
    shown = [w for w in all_waves() if (w.end or last) >= first and w.start <= last]
    for i, wave in enumerate(shown):
        label = dict(annotation_text=wave.short(lang), annotation_position="top left" if i % 2 == 0 else "bottom left",
                     annotation_font_size=font_size) if labels else {}
        fig.add_vrect(x0=max(wave.start, first), x1=min(wave.end or last, last), fillcolor=WAVE_FILL[i % 2],
                      line_width=0, layer="below", **label)
    return fig
