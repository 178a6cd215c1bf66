package cn.yq.aq.disclosure.web;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import cn.yq.aq.disclosure.publication.Publication;
import cn.yq.aq.disclosure.publication.Publisher;
import tools.jackson.databind.JsonNode;

/**
 * The Atom feed (RFC 4287) {@code /public/feed.atom}: each heavy-pollution warning issued, changed or lifted (its
 * notice as alert-service raised it: title and text, nothing else of it) and each monthly publication (a month
 * closed). Written with StAX: every text is escaped.
 */
final class Feed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private Feed() {
    }

    private record Entry(String id, String title, String updated, String summary, String link) {
    }

    static String render(Publisher.Snapshot s, String cityZh, String base) {
        Publication p = s.publication();
        List<Entry> entries = new ArrayList<>();
        for (JsonNode a : s.warningAlerts()) {
            entries.add(new Entry("urn:uuid:" + a.path("id").asString(), a.path("title").asString(), a.path("issuedAt").asString(),
                    a.path("text").asString(), base));
        }
        for (Publication.Month m : p.published()) {
            String[] ym = m.month().split("-");
            entries.add(new Entry("tag:aq.yq.cn,2025:publication/" + m.month(),
                    cityZh + ym[0] + "年" + Integer.parseInt(ym[1]) + "月空气质量状况及区县排名、超标排放单位名单",
                    m.closedAt(), cityZh + ym[0] + "年" + Integer.parseInt(ym[1]) + "月数据已审核封账，正式发布区县综合指数排名及超标排放单位名单。",
                    base + "/api/v1/rankings/" + m.month()));
        }
        entries.sort(Comparator.comparing((Entry e) -> OffsetDateTime.parse(e.updated())).reversed());
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            element(x, "id", "tag:aq.yq.cn,2025:public");
            element(x, "title", cityZh + "空气质量信息公开");
            element(x, "updated", entries.isEmpty() ? p.generatedAt() : entries.get(0).updated());
            x.writeStartElement("author");
            element(x, "name", cityZh + "生态环境局");
            x.writeEndElement();
            link(x, "self", base + "/feed.atom");
            link(x, "alternate", base);
            for (Entry e : entries) {
                x.writeStartElement("entry");
                element(x, "id", e.id());
                element(x, "title", e.title());
                element(x, "updated", e.updated());
                link(x, "alternate", e.link());
                element(x, "summary", e.summary());
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text == null ? "" : text);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
    }
}
