"""Over's own texts (Dutch, English), used nowhere else."""



from ...i18n import translator

NAME, PATH = "over", "/over"
TEXT = {
    "heading": ("Over het wijkdashboard: bronnen, definities en methode",
                "About the dashboard: sources, definitions and method"),
    "intro": ("Elk getal in dit dashboard komt uit een bestand van het CBS en het Kadaster. Hier staat per indicator "
              "wat hij meet, in welke eenheid, uit welke CBS-tabel en voor welke jaren; welk bestand welke cijfers "
              "leverde; hoe cijfers over grenswijzigingen heen zijn omgerekend en opgeteld; wat de segregatie-indices "
              "betekenen; en welke beleidsdocumenten het verhaal vertellen.",
              "Every number in this dashboard comes from a CBS and Kadaster file. Here you find, per indicator, what it "
              "measures, in which unit, from which CBS table and for which years; which file supplied which figures; "
              "how figures were carried across boundary changes and added up; what the segregation indices mean; and "
              "which policy documents tell the story."),
    "licence": ("Licentie: de cijfers en grenzen zijn open data van het CBS en het Kadaster onder CC BY 4.0.",
                "Licence: the figures and boundaries are open data of CBS and Kadaster under CC BY 4.0."),
    "indicators": ("Indicatoren", "Indicators"),
    "col_indicator": ("Indicator", "Indicator"),
    "col_definition": ("Definitie", "Definition"),
    "col_unit": ("Eenheid", "Unit"),
    "col_kind": ("Soort en basis", "Kind and base"),
    "col_tables": ("CBS-tabellen en jaren", "CBS tables and years"),
    "no_years": ("nog geen cijfers in de lagen", "no figures in the layers yet"),
    "kind_count": ("aantal: opgeteld", "count: summed"),
    "kind_share": ("aandeel, gewogen naar {base}", "share, weighted by {base}"),
    "kind_mean": ("gemiddelde, gewogen naar {base}", "mean, weighted by {base}"),
    "kind_density": ("dichtheid, gewogen naar {base}", "density, weighted by {base}"),
    "kind_index": ("index: berekend per gebied, niet opgeteld", "index: computed per area, never summed"),
    "kind_category": ("klasse: niet opgeteld of omgerekend", "class: never summed or carried over"),
    "files": ("Bronbestanden", "Source files"),
    "files_intro": ("De bestanden waaruit de lagen zijn gebouwd, met hun CBS-tabel en versie. Komen twee bestanden met "
                    "een ander cijfer voor hetzelfde gebied en jaar, dan telt de latere versie; het andere cijfer staat in "
                    "het bouwverslag (build_report.json), nooit gemiddeld.",
                    "The files the layers were built from, with their CBS table and release. Where two files give a "
                    "different figure for the same area and year, the later release counts; the other figure is listed in "
                    "the build report (build_report.json), never averaged."),
    "col_file": ("Bestand", "File"), "col_product": ("CBS-product", "CBS product"), "col_rows": ("Rijen", "Rows"),
    "col_variables": ("Variabelen", "Variables"),
    "reference": ("Peildata van inkomen en WOZ", "Reference periods of income and WOZ"),
    "reference_intro": ("Een editie van de Kerncijfers (een tabel per jaar) kan inkomens- en WOZ-cijfers bevatten die "
                        "een ander jaar betreffen dan de editie. Per tabel wat de CBS-metadata daarover zeggen; waar die "
                        "metadata niet bij de hand zijn, staat dat er.",
                        "An edition of the Kerncijfers (one table per year) can hold income and WOZ figures that refer to "
                        "another year than the edition. Per table what CBS's metadata say; where those metadata are not at "
                        "hand, it says so."),
    "col_table": ("Tabel", "Table"), "col_theme": ("Onderwerp", "Topic"), "col_reference": ("Peildatum", "Reference period"),
    "col_basis": ("Waar staat dat", "Where it says so"),
    "theme_woz": ("WOZ-waarde", "WOZ value"), "theme_income": ("Inkomen", "Income"),
    "method": ("Methode", "Method"),
    "method_items": ([
        "Grenzen: het CBS tekent buurten bijna elk jaar opnieuw en hergebruikt codes. Cijfers van een jaar horen bij de "
        "kaart waarvan codes en namen overeenkomen (bijvoorbeeld 2015 en 2016 op de kaart van 2014). Een code die op "
        "geen enkele kaart staat, wordt nergens getekend of opgeteld en staat in het bouwverslag.",
        "Vaste grenzen: om jaren op één kaart te vergelijken zijn alle cijfers omgerekend naar de grenzen van één jaar "
        "(buurten 2022, wijken 2024) met areaalinterpolatie (tobler). Aantallen worden naar oppervlak verdeeld; een "
        "aandeel of gemiddelde nooit: het wordt eerst een aantal met zijn eigen basis (aandeel × woningen, WOZ × "
        "woningen), beide worden omgerekend en daarna weer gedeeld. Een gebied dat grotendeels buiten de kaart van dat "
        "jaar lag, of zijn waarde uit een door het CBS afgeschermd gebied zou halen, krijgt geen waarde.",
        "Optellen (Vergelijk): aantallen worden opgeteld; aandelen, gemiddelden en dichtheden worden gewogen naar hun "
        "basis (huishoudens, woningen, inwoners, oppervlak land), nooit als gemiddelde van percentages. Ontbreekt een "
        "deel van de gebieden, dan staat er ‘deels’.",
        "Ontbrekende cijfers: wat het CBS afschermde (‘.’ of een geheimhoudingscode) of niet publiceerde, staat grijs "
        "op de kaart met de reden, nooit als 0.",
        "Klassen: de kaartklassen (natuurlijke grenzen of kwantielen, vijf klassen) zijn bij het bouwen met "
        "mapclassify berekend, per indicator, jaar en kaart.",
    ], [
        "Boundaries: CBS redraws buurten almost every year and reuses codes. The figures of a year belong to the map "
        "whose codes and names they match (for example 2015 and 2016 on the 2014 map). A code on no map is drawn and "
        "summed nowhere and is listed in the build report.",
        "Fixed boundaries: to compare years on one map, every figure is carried onto the boundaries of one year "
        "(buurten 2022, wijken 2024) by areal interpolation (tobler). Counts are split by area; a share or mean never "
        "is: it first becomes a count with its own base (share × dwellings, WOZ × dwellings), both are carried over "
        "and divided again. An area that lay largely outside that year's map, or would take its value from an area "
        "CBS withheld, gets no value.",
        "Adding up (Compare): counts are summed; shares, means and densities are weighted by their base (households, "
        "dwellings, inhabitants, land area), never as a mean of percentages. Where some areas lack a value, the cell "
        "says 'partial'.",
        "Missing figures: what CBS withheld ('.' or a confidentiality code) or did not publish is grey on the map with "
        "the reason, never 0.",
        "Classes: the map classes (natural breaks or quantiles, five classes) were computed with mapclassify in the "
        "build, per indicator, year and map.",
    ]),
    "indices": ("Segregatie-indices", "Segregation indices"),
    "indices_intro": ("Berekend met PySAL segregation per stad, niveau en jaar, met een 95%-interval uit 199 "
                      "bootstraptrekkingen (vaste startwaarde). Verandering tussen twee jaren wordt getoetst tegen het "
                      "willekeurig herverdelen van de gebieden over beide jaren.",
                      "Computed with PySAL segregation per city, level and year, with a 95% interval from 199 bootstrap "
                      "draws (fixed seed). A change between two years is tested against shuffling the areas between "
                      "both years."),
    "glossary": ("Begrippen uit het onderzoek van 1999", "Terms of the 1999 study"),
    "glossary_intro": ("Zoals Kleinhans, Veldboer en Duyvendak ze gebruiken (figuur 2.1, grotendeels naar Buys 1997); "
                       "Engelse vertaling van het dashboard.",
                       "As Kleinhans, Veldboer and Duyvendak use them (figure 2.1, largely after Buys 1997); English "
                       "translation by the dashboard."),
    "documents": ("Beleidsdocumenten", "Policy documents"),
    "documents_intro": ("Een verwijzing als 002:2358-2372 betekent: document 002, regels 2358 tot en met 2372 van de "
                        "tekstversie van dat document.",
                        "A citation such as 002:2358-2372 means: document 002, lines 2358 to 2372 of the text version "
                        "of that document."),
}


tx = translator(TEXT)  # the page's own texts, used nowhere else