package cn.yq.aq.ingest.validation;

import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Site;

/** A reading that passed validation, with its station or source (what its line's tags come from). */
public record ValidReading(Reading reading, Site site) {
}
