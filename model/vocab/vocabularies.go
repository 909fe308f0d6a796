package vocab

// The vocabularies of project values, as data: one Term per canonical code
// with its English, French and Spanish names and the variants seen on real
// pages (../shared/VOCABULARY.md). Codes are the English name, lower case,
// hyphenated; names are matched folded, so case and accents need no rows.

// Statuses is the vocabulary of Project Status.
var Statuses = NewVocabulary([]Term{
	{"active", []Name{{"en", "Active"}, {"fr", "Actif"}, {"fr", "Active"}, {"es", "Activo"}, {"es", "Activa"}, {"en", "Ongoing"}, {"fr", "En cours"}, {"es", "En curso"}}},
	{"completed", []Name{{"en", "Completed"}, {"fr", "Achevé"}, {"fr", "Terminé"}, {"es", "Finalizado"}, {"es", "Completado"}, {"en", "Closed"}, {"fr", "Clôturé"}, {"es", "Cerrado"}}},
	{"pending", []Name{{"en", "Pending"}, {"fr", "En attente"}, {"es", "Pendiente"}}},
})

// Coverages is the vocabulary of Coverage, written in English on all three
// languages' pages.
var Coverages = NewVocabulary([]Term{
	{"national", []Name{{"", "National"}, {"es", "Nacional"}}},
	{"regional", []Name{{"", "Regional"}, {"fr", "Régional"}}},
	{"global", []Name{{"", "Global"}, {"fr", "Mondial"}, {"fr", "Monde"}, {"es", "Mundial"}}},
})

// Regions is the vocabulary of IDF Region.
var Regions = NewVocabulary([]Term{
	{"africa", []Name{{"en", "Africa"}, {"fr", "Afrique"}, {"es", "África"}}},
	{"asia-and-oceania", []Name{{"en", "Asia and Oceania"}, {"fr", "Asie et Océanie"}, {"es", "Asia y Oceanía"}, {"en", "Asia and the Pacific"}, {"fr", "Asie et Pacifique"}, {"es", "Asia y el Pacífico"}}},
	{"europe", []Name{{"", "Europe"}, {"es", "Europa"}}},
	{"latin-america-and-the-caribbean", []Name{{"en", "Latin America and the Caribbean"}, {"fr", "Amérique latine et Caraïbes"}, {"es", "América Latina y el Caribe"}}},
	{"middle-east-and-north-africa", []Name{{"en", "Middle East and North Africa"}, {"fr", "Moyen-Orient et Afrique du Nord"}, {"es", "Oriente Medio y Norte de África"}, {"es", "Oriente Medio y África del Norte"}}},
	{"global", []Name{{"en", "Global"}, {"fr", "Monde"}, {"fr", "Mondial"}, {"es", "Mundial"}}},
})

// ProjectTypes is the vocabulary of Project Type. The code is the English
// name hyphenated; abbreviations and the shortened names of older pages map
// to the same code.
var ProjectTypes = NewVocabulary([]Term{
	{"community-and-economic-development", []Name{{"en", "Community and Economic Development"}, {"fr", "Développement communautaire et économique"}, {"es", "Desarrollo económico y comunitario"}, {"es", "Desarrollo comunitario y económico"}}},
	{"community-development", []Name{{"en", "Community Development"}, {"fr", "Développement communautaire"}, {"es", "Desarrollo comunitario"}}},
	{"health-promotion-and-assistance-for-migrants", []Name{{"en", "Health Promotion and Assistance for Migrants"}, {"en", "Health Promotion and Assist for Migrants"}, {"fr", "Promotion de la santé et assistance sanitaire aux migrants"}, {"es", "Promoción de la salud y asistencia a los migrantes"}}},
	{"immigration-and-borders", []Name{{"en", "Immigration and Borders"}, {"fr", "Immigration et frontières"}, {"es", "Inmigración y fronteras"}}},
	{"labour-migration", []Name{{"en", "Labour Migration"}, {"en", "Labor Migration"}, {"fr", "Migration de main-d’œuvre"}, {"fr", "Migration de main-d'oeuvre"}, {"es", "Migración laboral"}}},
	{"migration-management-support", []Name{{"en", "Migration Management Support"}, {"fr", "Soutien à la gestion des migrations"}, {"es", "Apoyo a la gestión de la migración"}}},
	{"migration-policy-activities", []Name{{"en", "Migration Policy Activities"}, {"fr", "Activités de politique migratoire"}, {"es", "Actividades de política migratoria"}}},
	{"migration-research-and-publications", []Name{{"en", "Migration Research and Publications"}, {"fr", "Recherche et publications en matière migratoire"}, {"es", "Investigación y publicaciones sobre migración"}}},
	{"protection-and-assistance-to-vulnerable-migrants", []Name{{"en", "Protection and Assistance to Vulnerable Migrants"}, {"fr", "Protection et assistance aux migrants vulnérables"}, {"es", "Protección y asistencia a migrantes vulnerables"}}},
	{"return-and-reintegration-assistance-for-migrants-and-governments", []Name{{"en", "Return and Reintegration Assistance for Migrants and Governments"}, {"en", "Return Assist to Migrants and Government"}, {"en", "Return Assistance to Migrants and Governments"}, {"fr", "Aide au retour et à la réintégration à l’intention des migrants et des gouvernements"}, {"es", "Asistencia para el retorno y la reintegración de migrantes y gobiernos"}}},
	{"technical-cooperation-on-migration-management-and-capacity-building", []Name{{"en", "Technical Cooperation on Migration Management and Capacity Building"}, {"en", "TCMMCB"}, {"fr", "Coopération technique en matière de gestion des migrations et de renforcement des capacités"}, {"es", "Cooperación técnica en gestión de la migración y creación de capacidades"}}},
	{"transfer-of-migrant-knowledge-and-resources", []Name{{"en", "Transfer of Migrant Knowledge and Resources"}, {"fr", "Transfert des connaissances et des ressources des migrants"}, {"es", "Transferencia de conocimientos y recursos de los migrantes"}}},
})
