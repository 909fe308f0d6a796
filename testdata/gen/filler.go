package main

// fillers are made-up paragraphs in the style of the descriptions and
// stories of real pages, per language, added to a page to bring it to the
// length of real ones (a real description runs to several paragraphs; the
// fixtures keep one or two). They name no organisation, date, place,
// identifier or contact, so that they add text to read without changing
// what a page says: its kind, language, fields, dateline and contacts.
var fillers = map[string][]string{
	"en": {
		"The project builds on the results of an earlier pilot, which showed that small grants combined with training and mentoring help returning migrants start businesses that last. Local authorities will take over the coordination of the services in the second year, so that the support continues once the project ends.",
		"Activities include a mapping of the skills and resources of the diaspora, consultations with community leaders and local authorities, and a series of workshops on the design of policies that connect migration with local development plans and with the priorities of the national development strategy.",
		"A steering committee of the relevant ministries, local government and diaspora associations meets every six months to review progress, agree on the work plan and make sure that the lessons learned are shared with other regions of the country and with neighbouring states facing similar challenges.",
		"Particular attention is paid to the needs of women and young people, who are often excluded from decision making on migration and development. The project works with community organisations to reach them, and all the training materials are produced in the local languages and tested with the people they are meant for.",
		"The expected results are stronger institutions able to collect and use data on migration, better coordination between the national and local levels, and a set of practical tools that officials can use to engage migrants and their families as partners in the development of their communities of origin.",
		"To ensure sustainability, the project supports the drafting of operating procedures, the training of trainers within the public administration and the inclusion of the new services in the budget of the responsible ministry. An independent evaluation at the end of the project will document what worked and what did not.",
	},
	"fr": {
		"Le projet s’appuie sur les résultats d’une phase pilote, qui a montré que de petites subventions associées à une formation et à un accompagnement aident les migrants de retour à créer des entreprises durables. Les autorités locales reprendront la coordination des services au cours de la deuxième année, afin que l’appui se poursuive après la fin du projet.",
		"Les activités comprennent une cartographie des compétences et des ressources de la diaspora, des consultations avec les responsables communautaires et les autorités locales, ainsi qu’une série d’ateliers sur l’élaboration de politiques qui relient la migration aux plans de développement local et aux priorités de la stratégie nationale de développement.",
		"Un comité de pilotage réunissant les ministères concernés, les collectivités locales et les associations de la diaspora se réunit tous les six mois pour examiner les progrès accomplis, valider le plan de travail et veiller à ce que les enseignements tirés soient partagés avec les autres régions du pays.",
		"Une attention particulière est accordée aux besoins des femmes et des jeunes, souvent exclus des décisions relatives à la migration et au développement. Le projet travaille avec des organisations communautaires pour les atteindre, et tous les supports de formation sont produits dans les langues locales et testés auprès des personnes auxquelles ils sont destinés.",
		"Les résultats attendus sont des institutions renforcées, capables de collecter et d’utiliser des données sur la migration, une meilleure coordination entre les niveaux national et local, et un ensemble d’outils pratiques permettant aux agents publics de mobiliser les migrants et leurs familles en tant que partenaires du développement de leurs communautés d’origine.",
		"Afin d’assurer la durabilité des résultats, le projet appuie la rédaction de procédures opérationnelles, la formation de formateurs au sein de l’administration publique et l’inscription des nouveaux services au budget du ministère responsable. Une évaluation indépendante à la fin du projet documentera ce qui a fonctionné et ce qui n’a pas fonctionné.",
	},
	"es": {
		"El proyecto se basa en los resultados de una fase piloto, que demostró que las pequeñas subvenciones combinadas con capacitación y acompañamiento ayudan a los migrantes retornados a crear empresas sostenibles. Las autoridades locales asumirán la coordinación de los servicios durante el segundo año, para que el apoyo continúe una vez finalizado el proyecto.",
		"Las actividades incluyen un mapeo de las competencias y los recursos de la diáspora, consultas con líderes comunitarios y autoridades locales, y una serie de talleres sobre el diseño de políticas que vinculen la migración con los planes de desarrollo local y con las prioridades de la estrategia nacional de desarrollo.",
		"Un comité directivo integrado por los ministerios competentes, los gobiernos locales y las asociaciones de la diáspora se reúne cada seis meses para examinar los avances, acordar el plan de trabajo y asegurar que las lecciones aprendidas se compartan con otras regiones del país y con los Estados vecinos.",
		"Se presta especial atención a las necesidades de las mujeres y los jóvenes, que a menudo quedan excluidos de las decisiones sobre migración y desarrollo. El proyecto trabaja con organizaciones comunitarias para llegar a ellos, y todos los materiales de capacitación se elaboran en los idiomas locales y se prueban con las personas a las que están destinados.",
		"Los resultados esperados son instituciones más sólidas, capaces de recopilar y utilizar datos sobre la migración, una mejor coordinación entre los niveles nacional y local, y un conjunto de herramientas prácticas que los funcionarios pueden utilizar para involucrar a los migrantes y sus familias como socios en el desarrollo de sus comunidades de origen.",
		"Para garantizar la sostenibilidad, el proyecto apoya la redacción de procedimientos operativos, la formación de formadores dentro de la administración pública y la inclusión de los nuevos servicios en el presupuesto del ministerio responsable. Una evaluación independiente al final del proyecto documentará lo que funcionó y lo que no.",
	},
}
