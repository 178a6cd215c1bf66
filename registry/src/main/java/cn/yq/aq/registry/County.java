package cn.yq.aq.registry;

/** A county-level unit of the province's ranking (district, county or development zone). */
public record County(String code, String nameZh, String nameEn) {
}
