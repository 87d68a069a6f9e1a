import { dimensionDetailRoute } from "@/app/o/[org]/p/[project]/_dashboard/dimension-detail-page";

const route = dimensionDetailRoute("customer");

export const generateMetadata = route.generateMetadata;
export default route.DimensionDetailPage;
