package io.initlab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
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
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes a {@link Plots.Figure} as {@code name.png} and {@code name.svg}, headless. */
public final class FigureWriter {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A written figure. */
    public record PlotFile(String name, String title, String caption, Path png, Path svg) {}

    private FigureWriter() {}

    public static PlotFile write(Plots.Figure f, Path dir) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(f.name() + ".png");
            Path svg = dir.resolve(f.name() + ".svg");
            if (!f.isGrid()) {
                Chart<?, ?> c = f.panels().get(0);
                BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
                VectorGraphicsEncoder.saveVectorGraphic(c, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                paintGrid(f, g);
                g.dispose();
                ImageIO.write(img, "png", png.toFile());
                VectorGraphics2D vg = new VectorGraphics2D();
                paintGrid(f, vg);
                try (OutputStream out = Files.newOutputStream(svg)) {
                    new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, f.width(), f.height()))
                            .writeTo(out);
                }
            }
            return new PlotFile(f.name(), f.title(), f.caption(), png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("writing plot " + f.name(), e);
        }
    }

    /** Paints a grid figure: a white page, the title centred in a header strip, then the panels row by row. */
    static void paintGrid(Plots.Figure f, Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, f.width(), f.height());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(f.title());
        g.drawString(f.title(), Math.max(8, (f.width() - tw) / 2), (Plots.Figure.HEADER + fm.getAscent()) / 2);
        AffineTransform base = g.getTransform();
        for (int i = 0; i < f.panels().size(); i++) {
            int col = i % f.columns(), row = i / f.columns();
            g.setTransform(base);
            g.translate(col * f.panelWidth(), Plots.Figure.HEADER + row * f.panelHeight());
            g.setClip(0, 0, f.panelWidth(), f.panelHeight());
            f.panels().get(i).paint(g, f.panelWidth(), f.panelHeight());
            g.setClip(null);
        }
        g.setTransform(base);
    }
}
