package cn.yq.aq.disclosure.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import cn.yq.aq.disclosure.publication.HealthAdvice;
import cn.yq.aq.disclosure.publication.Publication;

/**
 * The page ({@code templates/public.html}, Thymeleaf): rendered once per snapshot, without JavaScript; the 30-day
 * charts are SVG bars made here. Thymeleaf escapes every text it writes.
 */
final class Page {

    /** The chart's drawing: 30 bars of 10 units in a 300 × 100 box; AQI 300 and above fill it. */
    record Bar(int x, double y, double height, String colour, String title) {
    }

    /** 首要污染物 as people read them. */
    static final Map<String, String> POLLUTANT_ZH = Map.of("pm25", "PM2.5", "pm10", "PM10", "so2", "二氧化硫", "no2", "二氧化氮",
            "co", "一氧化碳", "o3", "臭氧");

    private final TemplateEngine engine = new TemplateEngine();

    Page() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    String render(Publication p, String cityZh, String base) {
        Context c = new Context(Locale.SIMPLIFIED_CHINESE);
        c.setVariable("p", p);
        c.setVariable("cityZh", cityZh);
        c.setVariable("base", base);
        c.setVariable("updated", p.generatedAt().substring(0, 16).replace('T', ' '));
        Integer level = p.city().today().level();
        c.setVariable("effect", level == null ? null : HealthAdvice.effect(level));
        c.setVariable("measures", level == null ? null : HealthAdvice.measures(level));
        Map<String, List<Bar>> charts = new HashMap<>();
        charts.put(p.city().code(), bars(p.city()));
        p.counties().forEach(x -> charts.put(x.code(), bars(x)));
        c.setVariable("charts", charts);
        c.setVariable("pollutantZh", POLLUTANT_ZH);
        c.setVariable("rankingMonthZh", monthZh(p.ranking().month()));
        c.setVariable("exceedanceMonthZh", monthZh(p.exceedances().month()));
        return engine.process("public", c);
    }

    static String monthZh(String month) {
        String[] ym = month.split("-");
        return ym[0] + "年" + Integer.parseInt(ym[1]) + "月";
    }

    static List<Bar> bars(Publication.Place place) {
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Publication.Day d : place.days()) {
            if (d.aqi() != null) {
                double h = Math.max(2, Math.min(300, d.aqi()) / 3.0);
                bars.add(new Bar(i * 10 + 1, 100 - h, h, d.colour(), d.date() + " AQI " + d.aqi() + " " + d.categoryZh()));
            }
            i++;
        }
        return bars;
    }
}
