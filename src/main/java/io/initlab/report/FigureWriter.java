package io.initlab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a {@link Plots.Figure} as {@code name.png} and {@code name.svg} (VectorGraphics2D), headless: a
 * title strip, for grids a shared legend under it, then the panels row by row.
 */
public final class FigureWriter {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A written figure. */
    public record PlotFile(String name, String title, String caption, Path png, Path svg) {}

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final int LEGEND_ROW = 20;
    static final int LEGEND_SWATCH = 26;
    static final int LEGEND_GAP = 22;

    private FigureWriter() {}

    public static PlotFile write(Plots.Figure f, Path dir) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(f.name() + ".png");
            Path svg = dir.resolve(f.name() + ".svg");
            Layout lay = layout(f);
            BufferedImage img = new BufferedImage(f.width(), lay.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            paint(f, lay, g);
            g.dispose();
            ImageIO.write(img, "png", png.toFile());
            VectorGraphics2D vg = new VectorGraphics2D();
            paint(f, lay, vg);
            try (OutputStream out = Files.newOutputStream(svg)) {
                new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, f.width(), lay.height()))
                        .writeTo(out);
            }
            return new PlotFile(f.name(), f.title(), f.caption(), png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("writing plot " + f.name(), e);
        }
    }

    /** Where the legend entries go (rows of entry indices) and the resulting header height. */
    record Layout(List<List<Integer>> legendRows, int header, int height) {}

    static Layout layout(Plots.Figure f) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = scratch.getFontMetrics(LEGEND_FONT);
        List<List<Integer>> rows = new ArrayList<>();
        int maxW = f.width() - 40, x = 0;
        List<Integer> row = new ArrayList<>();
        for (int i = 0; i < f.legend().size(); i++) {
            int w = LEGEND_SWATCH + 6 + fm.stringWidth(f.legend().get(i).label()) + LEGEND_GAP;
            if (!row.isEmpty() && x + w > maxW) {
                rows.add(row);
                row = new ArrayList<>();
                x = 0;
            }
            row.add(i);
            x += w;
        }
        if (!row.isEmpty()) rows.add(row);
        scratch.dispose();
        int header = Plots.TITLE_HEIGHT + (rows.isEmpty() ? 0 : rows.size() * LEGEND_ROW + 8);
        return new Layout(rows, header, header + f.rows() * f.panelHeight());
    }

    static void paint(Plots.Figure f, Layout lay, Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, f.width(), lay.height());
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(f.title());
        g.drawString(f.title(), Math.max(8, (f.width() - tw) / 2), (Plots.TITLE_HEIGHT + fm.getAscent()) / 2 + 2);
        paintLegend(f, lay, g);
        AffineTransform base = g.getTransform();
        for (int i = 0; i < f.panels().size(); i++) {
            int col = i % f.columns(), row = i / f.columns();
            g.setTransform(base);
            g.translate(col * f.panelWidth(), lay.header() + row * f.panelHeight());
            g.setClip(0, 0, f.panelWidth(), f.panelHeight());
            f.panels().get(i).paint(g, f.panelWidth(), f.panelHeight());
            g.setClip(null);
        }
        g.setTransform(base);
    }

    private static void paintLegend(Plots.Figure f, Layout lay, Graphics2D g) {
        if (lay.legendRows().isEmpty()) return;
        g.setFont(LEGEND_FONT);
        FontMetrics fm = g.getFontMetrics();
        int y = Plots.TITLE_HEIGHT + 4;
        for (List<Integer> row : lay.legendRows()) {
            int w = 0;
            for (int i : row) w += LEGEND_SWATCH + 6 + fm.stringWidth(f.legend().get(i).label()) + LEGEND_GAP;
            int x = Math.max(10, (f.width() - w + LEGEND_GAP) / 2);
            int mid = y + LEGEND_ROW / 2;
            for (int i : row) {
                Plots.LegendEntry e = f.legend().get(i);
                g.setColor(e.color());
                switch (e.glyph()) {
                    case CROSS -> {
                        g.setStroke(new BasicStroke(1.6f));
                        int cx = x + LEGEND_SWATCH / 2;
                        g.drawLine(cx - 5, mid - 5, cx + 5, mid + 5);
                        g.drawLine(cx - 5, mid + 5, cx + 5, mid - 5);
                    }
                    case DASHED_DOT -> {
                        g.setStroke(Plots.DASHED);
                        g.drawLine(x, mid, x + LEGEND_SWATCH, mid);
                        g.fillOval(x + LEGEND_SWATCH / 2 - 4, mid - 4, 8, 8);
                    }
                    case LINE, LINE_DOT -> {
                        g.setStroke(new BasicStroke(2.5f));
                        g.drawLine(x, mid, x + LEGEND_SWATCH, mid);
                        if (e.glyph() == Plots.Glyph.LINE_DOT) g.fillOval(x + LEGEND_SWATCH / 2 - 4, mid - 4, 8, 8);
                    }
                }
                g.setColor(Color.BLACK);
                g.drawString(e.label(), x + LEGEND_SWATCH + 6, mid + fm.getAscent() / 2 - 1);
                x += LEGEND_SWATCH + 6 + fm.stringWidth(e.label()) + LEGEND_GAP;
            }
            y += LEGEND_ROW;
        }
    }
}
